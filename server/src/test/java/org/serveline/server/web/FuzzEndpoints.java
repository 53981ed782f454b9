package org.serveline.server.web;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the running server answers: each Spring MVC handler method (so an endpoint added later is fuzzed
 * without anyone listing it), plus the routes that are not handler methods (static console files, Actuator, the
 * sign-in form and sign-out).
 */
final class FuzzEndpoints {

    /** One method and path pattern; what its handler reads, so the fuzzer can aim garbage at it. */
    record Endpoint(String method, String pattern, List<MediaType> consumes, List<String> params,
            List<String> headers, Class<?> bodyType) {

        boolean takesBody() {
            return bodyType != null || !consumes.isEmpty() || Set.of("POST", "PUT", "PATCH").contains(method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Served by resource handlers and Actuator, not by request-mapping handler methods. */
    private static final List<Endpoint> OTHERS = List.of(
            plain("GET", "/"), plain("GET", "/index.html"), plain("GET", "/console/{file}"),
            plain("GET", "/console/{dir}/{file}"), plain("GET", "/actuator/health"),
            plain("GET", "/actuator/health/{component}"), plain("GET", "/actuator/info"),
            plain("GET", "/actuator/metrics/{name}"), plain("GET", "/actuator/prometheus"),
            plain("GET", "/{unknown}"), plain("POST", "/api/v1/{unknown}/{id}"),
            // Spring Security's form sign-in (its fields read from the form body or the query) and sign-out
            new Endpoint("POST", "/api/v1/sign-in", List.of(MediaType.APPLICATION_FORM_URLENCODED),
                    List.of("username", "password"), List.of(), null),
            plain("POST", "/api/v1/sign-out"));

    private FuzzEndpoints() {
    }

    static List<Endpoint> of(ApplicationContext context) {
        TreeMap<String, Endpoint> endpoints = new TreeMap<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                for (Endpoint endpoint : endpoints(info, handler)) {
                    endpoints.putIfAbsent(endpoint.toString(), endpoint);
                }
            });
        }
        OTHERS.forEach(endpoint -> endpoints.putIfAbsent(endpoint.toString(), endpoint));
        List<Endpoint> all = new ArrayList<>(endpoints.values());
        all.sort(Comparator.comparing(Endpoint::toString));
        return all;
    }

    private static List<Endpoint> endpoints(RequestMappingInfo info, HandlerMethod handler) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> methodNames = methods.isEmpty() ? List.of("GET", "POST")
                : methods.stream().map(RequestMethod::name).sorted().toList();
        List<MediaType> consumes = List.copyOf(info.getConsumesCondition().getConsumableMediaTypes());
        List<String> params = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        Class<?> bodyType = null;
        for (Parameter parameter : handler.getMethod().getParameters()) {
            RequestParam param = parameter.getAnnotation(RequestParam.class);
            if (param != null) {
                params.add(!param.name().isEmpty() ? param.name() : parameter.getName());
            }
            RequestHeader header = parameter.getAnnotation(RequestHeader.class);
            if (header != null) {
                headers.add(!header.name().isEmpty() ? header.name() : header.value());
            }
            if (parameter.isAnnotationPresent(RequestBody.class)) {
                bodyType = parameter.getType();
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            for (String method : methodNames) {
                endpoints.add(new Endpoint(method, pattern, consumes, List.copyOf(params), List.copyOf(headers),
                        bodyType));
            }
        }
        return endpoints;
    }

    private static Endpoint plain(String method, String pattern) {
        return new Endpoint(method, pattern, List.of(), List.of(), List.of(), null);
    }
}
