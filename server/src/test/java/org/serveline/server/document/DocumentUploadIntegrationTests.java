package org.serveline.server.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.RawHttp;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Document upload over HTTP into the content-addressed store, with rows in a real MariaDB. */
@ServelineIntegrationTest
class DocumentUploadIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DocumentProperties properties;

    @Autowired
    JdbcClient jdbc;

    TaskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
    }

    @Test
    void aReviewerOpensTheDocumentAsUploadedUnderItsChineseNameAndTheOpeningIsAudited() throws Exception {
        byte[] pdf = TaskFixtures.pdf("传票");
        String id = fixtures.clerk.upload("传票（张三）.pdf", pdf).body().get("id").asString();

        RawHttp.Response opened = fixtures.reviewer.raw("GET", "/api/v1/documents/" + id + "/content", List.of(), null);

        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).isEqualTo(pdf);
        assertThat(opened.headers().get("content-type")).isEqualTo("application/pdf");
        assertThat(opened.headers().get("content-disposition")).startsWith("attachment")
                .contains("filename*=UTF-8''" + java.net.URLEncoder.encode("传票（张三）.pdf", StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        assertThat(opened.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(jdbc.sql("SELECT CONCAT(actor, ' ', action) FROM audit_event WHERE chain_key = :c ORDER BY seq")
                .param("c", "document:" + id).query(String.class).list())
                .containsExactly("clerk DOCUMENT_UPLOADED", "reviewer DOCUMENT_OPENED");

        assertProblem(fixtures.reviewer.get("/api/v1/documents/no-such-document/content"), 404, "no document");
        assertThat(ApiClient.on(port).get("/api/v1/documents/" + id + "/content").status()).isEqualTo(401);
    }

    @Test
    void anUploadedPdfIsStoredByItsSha256AndAudited() throws Exception {
        byte[] pdf = TaskFixtures.pdf("起诉状副本");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));

        ApiClient.Response response = fixtures.clerk.upload("起诉状.pdf", pdf);

        assertThat(response.status()).isEqualTo(201);
        JsonNode doc = response.body();
        assertThat(doc.get("sha256").asString()).isEqualTo(sha);
        assertThat(doc.get("size").asLong()).isEqualTo(pdf.length);
        assertThat(doc.get("mediaType").asString()).isEqualTo("application/pdf");
        Path stored = properties.root().resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        assertThat(Files.readAllBytes(stored)).isEqualTo(pdf);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE chain_key = :c")
                .param("c", "document:" + doc.get("id").asString()).query(String.class).list())
                .containsExactly("DOCUMENT_UPLOADED");
    }

    @Test
    void theSameContentUploadedTwiceIsStoredOnce() {
        byte[] pdf = TaskFixtures.pdf("twice");
        JsonNode first = fixtures.clerk.upload("a.pdf", pdf).body();
        JsonNode second = fixtures.clerk.upload("b.pdf", pdf).body();
        assertThat(second.get("sha256").asString()).isEqualTo(first.get("sha256").asString());
        assertThat(second.get("id").asString()).isNotEqualTo(first.get("id").asString());
    }

    @Test
    void anOversizedUploadIsA413() {
        byte[] big = new byte[(int) properties.maxSize().toBytes() + 200_000];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        assertProblem(fixtures.clerk.upload("big.pdf", big), 413, "size limit");
    }

    @Test
    void aTypeThatIsNotAcceptedIsRefusedWhateverItsNameClaims() {
        byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8);
        assertProblem(fixtures.clerk.upload("notice.pdf", script), 400, "are not accepted");
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertProblem(fixtures.clerk.upload("empty.pdf", new byte[0]), 400, "empty");
    }

    @Test
    void aPathInTheFileNameIsReducedToItsLastSegment() {
        JsonNode doc = fixtures.clerk.upload("../../etc/passwd.pdf", TaskFixtures.pdf("path")).body();
        assertThat(doc.get("fileName").asString()).isEqualTo("passwd.pdf");
    }

    @Test
    void anUnknownDocumentIsA404() {
        assertProblem(fixtures.clerk.get("/api/v1/documents/no-such-document"), 404, "no document");
    }
}
