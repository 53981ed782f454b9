package org.serveline.server.pbx;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Writes an E.164 number into a trunk's dial string in the form the trunk asks for. */
final class DialStrings {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private DialStrings() {
    }

    static String dialString(TelephonyProperties.Trunk trunk, String e164) {
        return trunk.dialString().replace("{number}", trunk.prefix() + formatted(trunk.numberFormat(), e164));
    }

    static String formatted(TelephonyProperties.NumberFormat format, String e164) {
        PhoneNumber number;
        try {
            number = PHONES.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not an E.164 number: " + e164, e);
        }
        return switch (format) {
            case E164 -> PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            case INTERNATIONAL_DIGITS -> number.getCountryCode() + PHONES.getNationalSignificantNumber(number);
            case NATIONAL -> PHONES.getNationalSignificantNumber(number);
        };
    }

    /** A Chinese mobile number (what a text message can reach), as the party would key it. */
    static Optional<String> mobileNational(String e164) {
        try {
            PhoneNumber number = PHONES.parse(e164, "ZZ");
            boolean mobile = PHONES.getNumberType(number) == PhoneNumberUtil.PhoneNumberType.MOBILE;
            return mobile ? Optional.of(PHONES.getNationalSignificantNumber(number)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
