package org.serveline.server.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.serveline.server.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/health/db/more} or {@code /actuator/health/nothing/more} names a component below one that has none
 * or below one that does not exist: Actuator fails on such a path with an internal error, where it is simply not
 * found. A path that walks past a leaf or an unknown name of the health tree (after a group's name, if it starts with
 * one) is a 404 problem here; every other path is Actuator's to answer.
 */
@Component
class HealthPathFilter extends OncePerRequestFilter {

    private static final String HEALTH = "/actuator/health/";

    private final ObjectProvider<HealthContributorRegistry> registry;
    private final ObjectProvider<HealthEndpointGroups> groups;
    private final ProblemWriter problems;

    HealthPathFilter(ObjectProvider<HealthContributorRegistry> registry, ObjectProvider<HealthEndpointGroups> groups,
            ProblemWriter problems) {
        this.registry = registry;
        this.groups = groups;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(HEALTH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HealthContributorRegistry contributors = registry.getIfAvailable();
        if (contributors != null && pastALeaf(contributors, request.getRequestURI().substring(HEALTH.length()))) {
            problems.write(response, HttpStatus.NOT_FOUND, "no such health component", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean pastALeaf(HealthContributors root, String path) {
        String[] names = path.split("/");
        HealthEndpointGroups known = groups.getIfAvailable();
        int first = known != null && names.length > 0 && known.getNames().contains(names[0]) ? 1 : 0;
        HealthContributors current = root;
        for (int i = first; i < names.length; i++) {
            HealthContributor found = current.getContributor(names[i]);
            if (found == null) {
                return i < names.length - 1; // the last name unknown: Actuator's own 404
            }
            if (!(found instanceof HealthContributors composite)) {
                return i < names.length - 1;
            }
            current = composite;
        }
        return false;
    }
}
