package org.serveline.server.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.serveline.server.security.CurrentActor;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class CampaignController {

    private final Campaigns campaigns;
    private final DoNotCallList doNotCall;
    private final CurrentActor actor;

    CampaignController(Campaigns campaigns, DoNotCallList doNotCall, CurrentActor actor) {
        this.campaigns = campaigns;
        this.doNotCall = doNotCall;
        this.actor = actor;
    }

    /** A new campaign; any limit left out takes its default. */
    record CampaignRequest(@NotBlank @Size(max = 100) String name, @Size(max = 32) String court,
            @Size(max = 20) String caseType, Integer maxConcurrentCalls, Double maxCallsPerSecond,
            Duration ringTimeout, LocalTime callingFrom, LocalTime callingUntil, Boolean callOnWeekends,
            Set<LocalDate> holidays, Duration busyRetry, Duration noAnswerRetry, Duration failureRetry,
            Integer maxAttemptsPerNumberPerDay, Integer maxAttemptsPerTask) {

        CampaignLimits limits() {
            return new LimitsChange(maxConcurrentCalls, maxCallsPerSecond, ringTimeout, callingFrom, callingUntil,
                    callOnWeekends, holidays, busyRetry, noAnswerRetry, failureRetry, maxAttemptsPerNumberPerDay,
                    maxAttemptsPerTask).applyTo(CampaignLimits.defaults());
        }
    }

    /** A change of a campaign's limits: each limit given replaces the campaign's own, the others stay. */
    record LimitsChange(Integer maxConcurrentCalls, Double maxCallsPerSecond, Duration ringTimeout,
            LocalTime callingFrom, LocalTime callingUntil, Boolean callOnWeekends, Set<LocalDate> holidays,
            Duration busyRetry, Duration noAnswerRetry, Duration failureRetry, Integer maxAttemptsPerNumberPerDay,
            Integer maxAttemptsPerTask) {

        CampaignLimits applyTo(CampaignLimits d) {
            try {
                return new CampaignLimits(or(maxConcurrentCalls, d.maxConcurrentCalls()),
                        or(maxCallsPerSecond, d.maxCallsPerSecond()), or(ringTimeout, d.ringTimeout()),
                        or(callingFrom, d.callingFrom()), or(callingUntil, d.callingUntil()),
                        or(callOnWeekends, d.callOnWeekends()), or(holidays, d.holidays()), or(busyRetry, d.busyRetry()),
                        or(noAnswerRetry, d.noAnswerRetry()), or(failureRetry, d.failureRetry()),
                        or(maxAttemptsPerNumberPerDay, d.maxAttemptsPerNumberPerDay()),
                        or(maxAttemptsPerTask, d.maxAttemptsPerTask()));
            } catch (InvalidLimitException e) {
                List<Object> args = new ArrayList<>(e.args());
                args.addFirst(e.field());
                throw new InvalidRequestException(e.field(), new ProblemText("campaign.limit." + e.key(),
                        "impossible campaign limits: " + e.getMessage(), args));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("limits", "impossible campaign limits: " + e.getMessage());
            }
        }

        private static <T> T or(T value, T fallback) {
            return value == null ? fallback : value;
        }
    }

    /**
     * Changes a campaign's limits while it is created, running or paused (409 once stopped); the dialer's next tick
     * dials within them. Audited (CAMPAIGN_LIMITS_CHANGED, before and after).
     */
    @PatchMapping("/campaigns/{id}/limits")
    Campaign changeLimits(@PathVariable long id, @RequestBody LimitsChange change) {
        return campaigns.changeLimits(id, change::applyTo, actor.name());
    }

    @PostMapping("/campaigns")
    ResponseEntity<Campaign> create(@Valid @RequestBody CampaignRequest request) {
        Campaign campaign = campaigns.create(request.name().strip(), request.court(), request.caseType(),
                request.limits(), actor.name());
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
    }

    @GetMapping("/campaigns")
    List<Campaign> all() {
        return campaigns.all();
    }

    @GetMapping("/campaigns/{id}")
    Campaign get(@PathVariable long id) {
        return campaigns.get(id);
    }

    @GetMapping("/campaigns/{id}/progress")
    CampaignProgress progress(@PathVariable long id) {
        return campaigns.progress(id);
    }

    @PostMapping("/campaigns/{id}/start")
    Campaign start(@PathVariable long id) {
        return campaigns.move(id, CampaignState.RUNNING, actor.name());
    }

    @PostMapping("/campaigns/{id}/pause")
    Campaign pause(@PathVariable long id) {
        return campaigns.move(id, CampaignState.PAUSED, actor.name());
    }

    @PostMapping("/campaigns/{id}/resume")
    Campaign resume(@PathVariable long id) {
        if (campaigns.get(id).state() != CampaignState.PAUSED) {
            throw new ConflictException(ProblemText.of("campaign.resume-not-paused",
                    "only a paused campaign can be resumed"));
        }
        return campaigns.move(id, CampaignState.RUNNING, actor.name());
    }

    @PostMapping("/campaigns/{id}/stop")
    Campaign stop(@PathVariable long id) {
        return campaigns.move(id, CampaignState.STOPPED, actor.name());
    }

    record DoNotCallRequest(@NotBlank String reason) {
    }

    /** The do-not-call list, newest first (the first 1,000 numbers). */
    @GetMapping("/do-not-call")
    List<DoNotCallList.Entry> blocked() {
        return doNotCall.all(1_000);
    }

    @PutMapping("/do-not-call/{number}")
    ResponseEntity<Void> block(@PathVariable String number, @Valid @RequestBody DoNotCallRequest request) {
        doNotCall.add(e164(number), request.reason(), actor.name());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/do-not-call/{number}")
    ResponseEntity<Void> unblock(@PathVariable String number) {
        doNotCall.remove(e164(number), actor.name());
        return ResponseEntity.noContent().build();
    }

    private static String e164(String number) {
        if (!number.matches("\\+[1-9]\\d{6,14}")) {
            throw new InvalidRequestException("number", ProblemText.of("dnc.not-e164",
                    "'" + number + "' is not an E.164 number such as +8613800138000", number));
        }
        return number;
    }
}
