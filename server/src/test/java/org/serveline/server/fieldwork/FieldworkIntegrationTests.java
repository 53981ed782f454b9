package org.serveline.server.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * In-person service over real HTTP against the real server and MariaDB: a task falling back to IN_PERSON gets an
 * assignment, a supervisor assigns it, the agent uploads photos and reports the outcome, the task moves with the
 * evidence; every step is on the task's audit chain. Bad input: wrong type, too large, not your assignment, an
 * outcome sent twice, a lodging without witness or photo.
 */
@ServelineIntegrationTest
class FieldworkIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceTasks tasks;

    TaskFixtures fixtures;
    FieldAgent field;
    FieldAgent field2;
    ApiClient supervisor;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
        field = new FieldAgent(port, "field", "field-pw");
        field2 = new FieldAgent(port, "field2", "field2-pw");
        supervisor = fixtures.supervisor;
    }

    @Test
    void aTaskEnteringInPersonGetsAnAssignmentThatOnlyItsAgentSees() {
        long task = taskInPerson(TaskFixtures.party("张三", "13800138000"));
        JsonNode assignment = assignmentOf(task);
        assertThat(assignment.get("address").asString()).isEqualTo("乌海市海南区人民路1号");
        assertThat(assignment.get("documents")).hasSize(1);
        assertThat(assignment.get("agent").isNull()).isTrue();

        JsonNode assigned = assign(assignment.get("id").asLong(), "field");

        assertThat(assigned.get("agent").asString()).isEqualTo("field");
        assertThat(ids(field.get("/api/v1/field/assignments").body())).contains(assigned.get("id").asLong());
        assertThat(ids(field2.get("/api/v1/field/assignments").body())).doesNotContain(assigned.get("id").asLong());
        assertProblem(field2.get("/api/v1/field/assignments/" + assigned.get("id").asLong()), 403, "not assigned to you");
        assertThat(actions(task)).containsSubsequence("TASK_CHANNEL_FAILED", "FIELD_ASSIGNMENT_OPENED", "FIELD_ASSIGNED");
    }

    @Test
    void servedToThePartyServesTheTaskWithThePhotoItsExifAndTheEvidenceKeys() {
        long task = taskInPerson(TaskFixtures.party("李四", "13800138001"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();
        byte[] photo = FieldMedia.jpegWithExif("handed over " + task);

        ApiClient.Response upload = field.upload(id, "IMG_0001.jpg", photo);

        assertThat(upload.status()).as("%s", upload.body()).isEqualTo(201);
        assertThat(upload.body().get("sha256").asString()).isEqualTo(sha256(photo));
        assertThat(upload.body().get("mediaType").asString()).isEqualTo("image/jpeg");
        assertThat(upload.body().get("takenAtLocal").asString()).isEqualTo("2026-11-30T10:15");
        assertThat(upload.body().get("latitude").asDouble()).isCloseTo(FieldMedia.LATITUDE, within(1e-4));
        assertThat(upload.body().get("longitude").asDouble()).isCloseTo(FieldMedia.LONGITUDE, within(1e-4));

        ApiClient.Response outcome = field.outcome(id, ApiClient.json(Map.of("outcome", "SERVED_TO_PARTY",
                "photos", List.of(sha256(photo)))), null);

        assertThat(outcome.status()).as("%s", outcome.body()).isEqualTo(200);
        assertThat(outcome.body().get("taskState").asString()).isEqualTo("SERVED");
        assertThat(tasks.get(new TaskId(task)).state()).isEqualTo(TaskState.SERVED);
        JsonNode delivered = event(task, "TASK_DELIVERED").get("details");
        assertThat(delivered.get("channel").asString()).isEqualTo("IN_PERSON");
        assertThat(delivered.get("serviceDateRule").asString()).isEqualTo("HANDED_TO_PARTY");
        assertThat(delivered.get("serviceDate").asString()).isNotBlank();
        assertThat(delivered.get("agent").asString()).isEqualTo("field");
        assertThat(delivered.get("recipient").asString()).isEqualTo("李四");
        assertThat(delivered.get("address").asString()).isEqualTo("乌海市海南区人民路1号");
        assertThat(delivered.get("photoSha256").get(0).asString()).isEqualTo(sha256(photo));
        JsonNode uploaded = event(task, "FIELD_UPLOAD").get("details");
        assertThat(uploaded.get("exifTime").asString()).isEqualTo("2026-11-30T10:15");
        assertThat(uploaded.get("gpsLatitude").asDouble()).isCloseTo(FieldMedia.LATITUDE, within(1e-4));
        assertThat(actions(task)).containsSubsequence("FIELD_ASSIGNED", "FIELD_UPLOAD", "FIELD_OUTCOME",
                "TASK_DELIVERED");
        assertThat(ids(field.get("/api/v1/field/assignments").body())).doesNotContain(id);
        JsonNode verified = supervisor.get("/api/v1/audit/verify?chain=task:" + task).body();
        assertThat(verified.get("valid").asBoolean()).isTrue();
    }

    @Test
    void aLodgingWithoutWitnessOrPhotoIsRefusedAndWithThemServesTheTask() {
        long task = taskInPerson(TaskFixtures.party("王五", "13800138002"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();

        ApiClient.Response bare = field.outcome(id, "{\"outcome\":\"LODGED\"}", null);

        assertProblem(bare, 400, "invalid");
        assertThat(bare.body().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("witness", "photos");
        assertProblem(field.outcome(id, ApiClient.json(Map.of("outcome", "LODGED", "witness", "赵居委",
                "photos", List.of("ab".repeat(32)))), null), 400, "invalid");
        assertThat(tasks.get(new TaskId(task)).state()).isEqualTo(TaskState.IN_PERSON);
        assertThat(actions(task)).doesNotContain("FIELD_OUTCOME");

        byte[] video = FieldMedia.mp4();
        ApiClient.Response clip = field.upload(id, "left-at-door.mp4", video);
        assertThat(clip.status()).as("%s", clip.body()).isEqualTo(201);
        assertThat(clip.body().get("mediaType").asString()).isEqualTo("video/mp4");
        ApiClient.Response lodged = field.outcome(id, ApiClient.json(Map.of("outcome", "LODGED", "witness", "赵居委",
                "photos", List.of(sha256(video)), "note", "当事人拒收，文书留置于门口")), null);

        assertThat(lodged.status()).as("%s", lodged.body()).isEqualTo(200);
        JsonNode delivered = event(task, "TASK_DELIVERED").get("details");
        assertThat(delivered.get("serviceDateRule").asString()).isEqualTo("LODGED");
        assertThat(delivered.get("witness").asString()).isEqualTo("赵居委");
        assertThat(delivered.get("photoSha256").get(0).asString()).isEqualTo(sha256(video));
        assertThat(event(task, "FIELD_OUTCOME").get("details").get("note").asString()).isEqualTo("当事人拒收，文书留置于门口");
    }

    @Test
    void servingAFamilyMemberNeedsTheirNameAndRelation() {
        long task = taskInPerson(TaskFixtures.party("钱六", "13800138003"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();

        ApiClient.Response nameless = field.outcome(id, "{\"outcome\":\"SERVED_TO_FAMILY\"}", null);
        assertProblem(nameless, 400, "invalid");
        assertThat(nameless.body().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("recipient", "recipientRelation");

        ApiClient.Response served = field.outcome(id, ApiClient.json(Map.of("outcome", "SERVED_TO_FAMILY",
                "recipient", "钱七", "recipientRelation", "配偶")), null);
        assertThat(served.status()).as("%s", served.body()).isEqualTo(200);
        JsonNode delivered = event(task, "TASK_DELIVERED").get("details");
        assertThat(delivered.get("serviceDateRule").asString()).isEqualTo("HANDED_TO_FAMILY");
        assertThat(delivered.get("recipient").asString()).isEqualTo("钱七");
        assertThat(delivered.get("recipientRelation").asString()).isEqualTo("配偶");
        assertThat(delivered.has("photoSha256")).isFalse();
    }

    @Test
    void notFoundFailsTheChannelAndTheTaskFallsBackToPublicNotice() {
        long task = taskInPerson(TaskFixtures.party("孙八", "13800138004"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();

        ApiClient.Response notFound = field.outcome(id, "{\"outcome\":\"NOT_FOUND\",\"note\":\"查无此人\"}", null);

        assertThat(notFound.status()).as("%s", notFound.body()).isEqualTo(200);
        assertThat(notFound.body().get("taskState").asString()).isEqualTo("PUBLIC_NOTICE");
        JsonNode failed = event(task, "TASK_CHANNEL_FAILED", 2).get("details");
        assertThat(failed.get("channel").asString()).isEqualTo("IN_PERSON");
        assertThat(failed.has("serviceDate")).isFalse();
    }

    @Test
    void aPartyWithoutAddressIsStillAssignedAndServedWithoutAnAddressInTheEvidence() {
        long task = taskInPerson(Map.of("role", "DEFENDANT", "name", "周九", "phones", List.of("13800138005")));
        JsonNode assignment = assignmentOf(task);
        assertThat(assignment.get("address").isNull()).isTrue();
        assertThat(event(task, "FIELD_ASSIGNMENT_OPENED").get("details").get("address").asString()).isEqualTo("（无地址）");
        long id = assign(assignment.get("id").asLong(), "field").get("id").asLong();

        ApiClient.Response served = field.outcome(id, "{\"outcome\":\"SERVED_TO_PARTY\",\"recipient\":\"周九\"}", null);

        assertThat(served.status()).as("%s", served.body()).isEqualTo(200);
        assertThat(event(task, "TASK_DELIVERED").get("details").has("address")).isFalse();
    }

    @Test
    void uploadsOfTheWrongTypeOrTooLargeAreRefusedAndLeaveNothing() {
        long task = taskInPerson(TaskFixtures.party("吴十", "13800138006"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();

        assertProblem(field.upload(id, "photo.jpg", TaskFixtures.pdf("not a photo")), 415, "application/pdf");
        assertProblem(field.upload(id, "photo.jpg", "just text".getBytes(StandardCharsets.UTF_8)), 415, "accepted");
        assertProblem(field.upload(id, "clip.mp4", FieldMedia.quickTime()), 415, "video/quicktime");
        byte[] large = new byte[300 * 1024];
        new Random(7).nextBytes(large);
        System.arraycopy(FieldMedia.jpeg("big"), 0, large, 0, 3);
        assertProblem(field.upload(id, "big.jpg", large), 413, "limit");

        assertThat(field.get("/api/v1/field/assignments/" + id).body().get("uploads")).isEmpty();
        assertThat(actions(task)).doesNotContain("FIELD_UPLOAD");
        ApiClient.Response png = field.upload(id, "door.png", FieldMedia.png("door " + task));
        assertThat(png.status()).as("%s", png.body()).isEqualTo(201);
        assertThat(png.body().get("mediaType").asString()).isEqualTo("image/png");
        assertThat(png.body().get("takenAtLocal").isNull()).isTrue();
    }

    @Test
    void anotherAgentMayNeitherUploadNorReportAndAnAgentMayNotAssign() {
        long task = taskInPerson(TaskFixtures.party("郑一", "13800138007"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();

        assertProblem(field2.outcome(id, "{\"outcome\":\"SERVED_TO_PARTY\"}", null), 403, "not assigned to you");
        assertProblem(field2.upload(id, "x.jpg", FieldMedia.jpeg("x")), 403, "not assigned to you");
        assertProblem(ApiClient.on(port).as("field2", "field2-pw").post("/api/v1/field/assignments/" + id + "/assignee",
                "{\"agent\":\"field2\"}"), 403, "");
        assertProblem(supervisor.post("/api/v1/field/assignments/" + id + "/assignee", "{\"agent\":\"operator\"}"),
                422, "FIELD");
        assertProblem(supervisor.post("/api/v1/field/assignments/" + id + "/outcome", "{\"outcome\":\"NOT_FOUND\"}"),
                403, "");
        assertThat(tasks.get(new TaskId(task)).state()).isEqualTo(TaskState.IN_PERSON);
        assertThat(actions(task)).doesNotContain("FIELD_OUTCOME");
    }

    @Test
    void anOutcomeSentTwiceAnswersTheSameAndIsRecordedOnce() {
        long task = taskInPerson(TaskFixtures.party("冯二", "13800138008"));
        long id = assign(assignmentOf(task).get("id").asLong(), "field").get("id").asLong();
        String body = "{\"outcome\":\"SERVED_TO_PARTY\"}";

        ApiClient.Response first = field.outcome(id, body, "phone-app-4711");
        ApiClient.Response again = field.outcome(id, body, "phone-app-4711");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(actions(task).stream().filter("FIELD_OUTCOME"::equals)).hasSize(1);
        assertThat(actions(task).stream().filter("TASK_DELIVERED"::equals)).hasSize(1);
        assertProblem(field.outcome(id, "{\"outcome\":\"NOT_FOUND\"}", "phone-app-4712"), 409, "already reported");

        long other = taskInPerson(TaskFixtures.party("陈三", "13800138009"));
        long otherId = assign(assignmentOf(other).get("id").asLong(), "field").get("id").asLong();
        String lodged = "{\"outcome\":\"NOT_FOUND\",\"note\":\"门牌不存在\"}";
        ApiClient.Response once = field.outcome(otherId, lodged, null);
        ApiClient.Response twice = field.outcome(otherId, lodged, null);
        assertThat(twice.body()).isEqualTo(once.body());
        assertThat(actions(other).stream().filter("FIELD_OUTCOME"::equals)).hasSize(1);
    }

    private long taskInPerson(Map<String, Object> party) {
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks",
                ApiClient.json(fixtures.taskRequest(TaskFixtures.newCaseNumber(), party)));
        assertThat(submitted.status()).as("submit: %s", submitted.body()).isEqualTo(201);
        long id = submitted.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        TaskId task = new TaskId(id);
        if (tasks.get(task).state() == TaskState.APPROVED) {
            tasks.move(task, TaskTrigger.DISPATCH, "test", null);
        }
        while (tasks.get(task).state() != TaskState.IN_PERSON) {
            tasks.move(task, TaskTrigger.CHANNEL_FAILED, "test", "test falls back");
        }
        return id;
    }

    private JsonNode assignmentOf(long task) {
        JsonNode all = supervisor.get("/api/v1/field/assignments").body();
        return StreamSupport.stream(all.spliterator(), false).filter(a -> a.get("taskId").asLong() == task)
                .findFirst().orElseThrow(() -> new AssertionError("no assignment for task " + task + ": " + all));
    }

    private JsonNode assign(long assignment, String agent) {
        ApiClient.Response response = supervisor.post("/api/v1/field/assignments/" + assignment + "/assignee",
                ApiClient.json(Map.of("agent", agent)));
        assertThat(response.status()).as("assign: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private List<String> actions(long task) {
        return fixtures.clerk.get("/api/v1/tasks/" + task + "/timeline").body().findValuesAsString("action");
    }

    private JsonNode event(long task, String action) {
        return event(task, action, 0);
    }

    /** The n-th (from 0) event of the task with this action. */
    private JsonNode event(long task, String action, int n) {
        JsonNode timeline = fixtures.clerk.get("/api/v1/tasks/" + task + "/timeline").body();
        return StreamSupport.stream(timeline.spliterator(), false).filter(e -> e.get("action").asString().equals(action))
                .skip(n).findFirst().orElseThrow(() -> new AssertionError("no " + action + " in " + timeline));
    }

    private static List<Long> ids(JsonNode assignments) {
        return StreamSupport.stream(assignments.spliterator(), false).map(a -> a.get("id").asLong()).toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
