package org.serveline.server.operations;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares on every operation the errors every endpoint may answer, each an RFC 9457 problem
 * ({@code application/problem+json}, the shape {@code web.ProblemHandler} writes): a response an operation already
 * documents is kept.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String SCHEMA = "Problem";

    /** Status code and the Chinese-first description of each error. */
    static final Map<String, String> ERRORS = errors();

    private static Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "请求有误（格式、参数或取值不正确） / bad request");
        errors.put("401", "需要登录 / authentication required");
        errors.put("403", "当前角色无权执行此操作 / your role may not do this");
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
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            ERRORS.forEach((status, description) -> operation.getResponses().putIfAbsent(status, problem(description)));
        }));
    }

    private static ApiResponse problem(String description) {
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
