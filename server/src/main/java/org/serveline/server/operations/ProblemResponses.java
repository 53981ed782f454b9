package org.serveline.server.operations;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.serveline.server.security.EndpointAccess;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares on every operation the errors it may answer, each an RFC 9457 problem ({@code application/problem+json},
 * the shape {@code web.ProblemHandler} writes), and who may call it, from {@link EndpointAccess}: an open endpoint
 * needs no credentials and is never refused with 401/403; one that needs a sign-in may also answer 429 (HTTP Basic
 * counts failed sign-ins); an operation with a body may answer 415, an upload 413. A response an operation already
 * documents is kept. The security schemes and the sign-in form are {@link ApiSecurity}'s.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String SCHEMA = "Problem";
    static final String THROTTLED = "登录失败次数过多，已暂时锁定或限制 / too many failed sign-ins: the name is locked or "
            + "the address blocked for a while (Retry-After)";

    /** Status code and the Chinese-first description of the errors every endpoint may answer. */
    static final Map<String, String> ERRORS = errors();

    /** Those only an endpoint that needs a sign-in answers. */
    static final Map<String, String> SIGNED_IN_ERRORS = Map.of(
            "401", "需要登录 / authentication required",
            "403", "当前角色无权执行此操作 / your role may not do this",
            "429", THROTTLED);

    static final String TOO_LARGE = "请求内容过大 / the request or upload is too large";
    static final String UNSUPPORTED = "不支持的内容类型 / unsupported content type";

    private static Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "请求有误（格式、参数或取值不正确） / bad request");
        errors.put("404", "未找到 / not found");
        errors.put("409", "与当前状态冲突 / conflicts with the current state");
        errors.put("422", "内容无法处理（违反业务规则） / unprocessable: breaks a rule");
        return errors;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
        ApiSecurity.describe(openApi);
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.equals(ApiSecurity.SIGN_IN) || path.equals(ApiSecurity.SIGN_OUT)) {
                return; // described whole by ApiSecurity
            }
            describe(path, method, operation);
        }));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        ERRORS.forEach((status, description) -> responses.putIfAbsent(status, problem(description)));
        EndpointAccess.Access access = EndpointAccess.ruleFor(method.name(), path.replaceAll("\\{[^}]+}", "x"))
                .map(EndpointAccess.Rule::access).orElse(null);
        if (access instanceof EndpointAccess.Open) {
            operation.setSecurity(List.of()); // and no 401/403 of the security's own: nothing to sign in for
        } else {
            SIGNED_IN_ERRORS.forEach((status, description) -> responses.putIfAbsent(status, problem(description)));
            responses.get("429").addHeaderObject("Retry-After", ApiSecurity.retryAfter());
            String who = access instanceof EndpointAccess.Roles roles
                    ? roles.roles().stream().map(Enum::name).collect(Collectors.joining(", "))
                    : access instanceof EndpointAccess.SignedIn ? "任何已登录用户 / anyone signed in" : "无人 / nobody";
            operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                    + "可调用 / may call: " + who);
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            responses.putIfAbsent("415", problem(UNSUPPORTED));
            if (operation.getRequestBody().getContent().containsKey("multipart/form-data")) {
                responses.putIfAbsent("413", problem(TOO_LARGE));
            }
        }
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().description("URI of the problem type"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what went wrong, in Chinese first"))
                .addProperty("instance", new StringSchema().description("the request path"));
    }
}
