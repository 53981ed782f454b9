package org.serveline.server.operations;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.serveline.server.security.Role;

/**
 * How a caller proves who it is, in the API description (ADR 0019): an API token ({@code Authorization: Bearer}), the
 * console's session cookie with its CSRF header on unsafe requests, or HTTP Basic for scripts; and the sign-in form and
 * sign-out, which are Spring Security's filters rather than handler methods.
 */
final class ApiSecurity {

    static final String BEARER = "apiToken";
    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String BASIC = "basic";
    static final String SIGN_IN = "/api/v1/sign-in";
    static final String SIGN_OUT = "/api/v1/sign-out";

    private ApiSecurity() {
    }

    static void describe(OpenAPI openApi) {
        Components components = openApi.getComponents();
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("svl_…").description("API 令牌（管理员创建，只显示一次） / an API token an ADMIN created "
                        + "(shown once): for machines such as the case-management system"));
        components.addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("JSESSIONID").description("控制台登录会话 / the console's session, "
                        + "from POST " + SIGN_IN + "; unsafe requests also send the CSRF header"));
        components.addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-XSRF-TOKEN").description("会话的 CSRF 令牌 / the session's CSRF "
                        + "token: the XSRF-TOKEN cookie's value, echoed on POST, PUT, PATCH and DELETE"));
        components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("HTTP Basic，仅供脚本 / for scripts only, over TLS: throttled and locked like the form"));
        openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER),
                new SecurityRequirement().addList(SESSION).addList(CSRF), new SecurityRequirement().addList(BASIC)));
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        openApi.getPaths().addPathItem(SIGN_IN, new PathItem().post(signIn()));
        openApi.getPaths().addPathItem(SIGN_OUT, new PathItem().post(signOut()));
    }

    private static Operation signIn() {
        ObjectSchema form = new ObjectSchema();
        form.addProperty("username", new StringSchema().maxLength(100));
        form.addProperty("password", new StringSchema().format("password"));
        form.setRequired(List.of("username", "password"));
        ObjectSchema me = new ObjectSchema();
        me.addProperty("name", new StringSchema());
        me.addProperty("roles", new ArraySchema().items(new StringSchema()._enum(
                java.util.Arrays.stream(Role.values()).map(Enum::name).toList())));
        return new Operation().operationId("signIn").addTagsItem("sign-in").summary("登录 / sign in")
                .description("表单登录，建立会话 / signs in with the form and starts a session (JSESSIONID, HttpOnly; "
                        + "its id changes at sign-in). Send the XSRF-TOKEN cookie's value (from any earlier answer) in "
                        + "X-XSRF-TOKEN. Failed sign-ins are counted per name and per address: too many lock the name "
                        + "or block the address (429 with Retry-After).")
                .security(List.of())
                .addParametersItem(csrfHeader())
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        "application/x-www-form-urlencoded", new MediaType().schema(form))))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("已登录：当前用户 / signed in: who and "
                                + "their roles, as GET /api/v1/me").content(new Content().addMediaType(
                                        "application/json", new MediaType().schema(me))))
                        .addApiResponse("401", ProblemResponses.problem("用户名或密码错误 / wrong name or password"))
                        .addApiResponse("403", ProblemResponses.problem("缺少 CSRF 令牌 / the X-XSRF-TOKEN header is "
                                + "missing or wrong"))
                        .addApiResponse("429", ProblemResponses.problem(ProblemResponses.THROTTLED)
                                .addHeaderObject("Retry-After", retryAfter())));
    }

    private static Operation signOut() {
        return new Operation().operationId("signOut").addTagsItem("sign-in").summary("退出登录 / sign out")
                .description("结束会话 / ends the session (and its live event streams); 204 whether or not one was "
                        + "signed in. With a session, send X-XSRF-TOKEN.")
                .security(List.of())
                .addParametersItem(csrfHeader())
                .responses(new ApiResponses()
                        .addApiResponse("204", new ApiResponse().description("已退出 / signed out"))
                        .addApiResponse("403", ProblemResponses.problem("缺少 CSRF 令牌 / the X-XSRF-TOKEN header is "
                                + "missing or wrong")));
    }

    private static Parameter csrfHeader() {
        return new Parameter().in("header").name("X-XSRF-TOKEN").required(false).schema(new StringSchema())
                .description("the XSRF-TOKEN cookie's value (required when a session cookie or the sign-in is sent)");
    }

    static Header retryAfter() {
        return new Header().description("秒 / seconds until a new try may succeed").schema(new IntegerSchema());
    }
}
