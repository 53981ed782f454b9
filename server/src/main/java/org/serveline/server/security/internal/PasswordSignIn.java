package org.serveline.server.security.internal;

import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a name and password (the sign-in form and HTTP Basic alike) against {@code staff_user}: refused at once when
 * the address is throttled or the name locked; a wrong password, an unknown name and a disabled person all get the
 * same answer and the same bcrypt work, so neither the answer nor its time tells who exists.
 */
public class PasswordSignIn implements AuthenticationProvider {

    private final StaffUserRows users;
    private final SignInFailures failures;
    private final AddressThrottle addresses;
    private final SecurityAudit audit;
    private final PasswordEncoder encoder;
    private final String dummyHash;
    private final VerifiedPasswords verified = new VerifiedPasswords();

    public PasswordSignIn(StaffUserRows users, SignInFailures failures, AddressThrottle addresses, SecurityAudit audit,
            PasswordEncoder encoder) {
        this.users = users;
        this.failures = failures;
        this.addresses = addresses;
        this.audit = audit;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("not a password anyone has");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : "unknown";
        String via = authentication.getDetails() instanceof SignInVia v ? v.via() : "password";
        Optional<java.time.Instant> throttled = addresses.blockedUntil(address);
        if (throttled.isPresent()) {
            throw new SignInRefused(SignInRefused.Why.THROTTLED, throttled.get());
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            refuse(null, address, via, "malformed name");
        }
        Optional<SignInFailures.State> failed = failures.state(name);
        Optional<java.time.Instant> locked = failed.flatMap(SignInFailures.State::lockedUntil);
        if (locked.isPresent()) {
            throw new SignInRefused(SignInRefused.Why.LOCKED, locked.get());
        }
        Optional<StaffUser> user = users.find(name);
        String hash = user.map(StaffUser::passwordHash).orElse(dummyHash);
        boolean matches = user.isPresent() && verified.known(name, hash, password) || encoder.matches(password, hash);
        if (user.isEmpty() || !matches || !user.get().enabled()) {
            refuse(name, address, via, user.isEmpty() ? "unknown name" : !matches ? "wrong password" : "disabled");
        }
        StaffUser found = user.get();
        if (failed.isPresent()) {
            failures.succeeded(name);
        }
        if (encoder.upgradeEncoding(found.passwordHash())) {
            users.rehash(name, found.passwordHash(), encoder.encode(password));
        } else {
            verified.remember(name, found.passwordHash(), password);
        }
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(name, null,
                RoleSet.authorities(found.roles()));
        result.setDetails(authentication.getDetails());
        return result;
    }

    private void refuse(String name, String address, String via, String why) {
        if (addresses.failed(address)) {
            audit.address(address, SecurityAudit.ADDRESS_THROTTLED, Map.of("lastName", String.valueOf(name)));
        }
        if (name != null) {
            Optional<java.time.Instant> lockedNow = failures.failed(name, address, via, why);
            if (lockedNow.isPresent()) {
                throw new SignInRefused(SignInRefused.Why.LOCKED, lockedNow.get());
            }
        }
        throw new BadCredentialsException("wrong name or password");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Details that say whether the password came through the form or HTTP Basic (for the audit). */
    public interface SignInVia {
        String via();
    }
}
