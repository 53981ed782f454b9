package org.serveline.server.demo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whether this server is the demo, for the sign-in form: it names the demo's users only there (a court's sign-in
 * page must not advertise accounts).
 */
@RestController
class DemoController {

    record Demo(boolean demo) {
    }

    private final DemoProperties properties;

    DemoController(DemoProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/api/v1/demo")
    Demo demo() {
        return new Demo(properties.enabled());
    }
}
