package org.serveline.server.pbx;

import org.serveline.server.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads back the wording of a notice version, as a call attempt's {@code scriptVersion} names it. */
@RestController
class NoticeScriptController {

    private final NoticeScriptVersions versions;

    NoticeScriptController(NoticeScriptVersions versions) {
        this.versions = versions;
    }

    @GetMapping("/api/v1/notice-scripts/{scriptVersion}")
    NoticeScriptVersions.NoticeWording wording(@PathVariable String scriptVersion) {
        return versions.find(scriptVersion).orElseThrow(() -> new NotFoundException(
                "no notice wording kept under version '" + scriptVersion + "'"));
    }
}
