package org.serveline.server.lookup.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.intake.PhoneNumbers;
import org.serveline.server.lookup.ContactLookupProvider;
import org.serveline.server.support.Sha256;
import org.serveline.server.web.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contacts a court knows from its earlier cases, imported as CSV with the header
 * {@code court,party_name,id_number,phone,address,source_case}: all lines or none (a file with a bad line is refused
 * with every bad line named), a line already imported is skipped; and looked up by id number or by name in the court.
 */
public final class CourtContacts {

    public static final List<String> COLUMNS = List.of("court", "party_name", "id_number", "phone", "address",
            "source_case");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setTrim(true).setIgnoreEmptyLines(true).get();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final PhoneNumbers phoneNumbers;

    public CourtContacts(JdbcClient jdbc, AuditTrail audit, PhoneNumbers phoneNumbers) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.phoneNumbers = phoneNumbers;
    }

    /** What an import did. */
    public record Imported(int lines, int imported, int duplicates) {
    }

    private record Row(String court, String name, String idNumber, String phone, String address, String sourceCase) {
        String hash() {
            return Sha256.hex(String.join("\u001f", court, name, n(idNumber), n(phone), n(address), n(sourceCase)));
        }

        private static String n(String s) {
            return s == null ? "" : s;
        }
    }

    /** Imports a CSV file in the caller's transaction; throws {@link InvalidRequestException} naming each bad line. */
    public Imported importCsv(String csv, String actor, Instant now) {
        List<Row> rows = parse(csv);
        int imported = 0;
        for (Row row : rows) {
            imported += jdbc.sql("""
                    INSERT IGNORE INTO court_contact (court_id, party_name, id_number, phone, address, source_case,
                           row_hash, imported_by, imported_at)
                    VALUES (:court, :name, :id, :phone, :address, :source, :hash, :by, :at)""")
                    .param("court", row.court()).param("name", row.name()).param("id", row.idNumber())
                    .param("phone", row.phone()).param("address", row.address()).param("source", row.sourceCase())
                    .param("hash", row.hash()).param("by", actor).param("at", Timestamp.from(now)).update();
        }
        Imported result = new Imported(rows.size(), imported, rows.size() - imported);
        audit.append(new AuditRecord("lookup:court-contacts", actor, "LOOKUP_CONTACTS_IMPORTED", "court-contacts",
                null, null, Map.of("sha256", Sha256.hex(csv), "lines", result.lines(), "imported", result.imported(),
                        "duplicates", result.duplicates())));
        return result;
    }

    public boolean empty() {
        return jdbc.sql("SELECT COUNT(*) FROM court_contact").query(Long.class).single() == 0;
    }

    private List<Row> parse(String csv) {
        List<InvalidRequestException.Violation> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<String> courts = new HashSet<>(jdbc.sql("SELECT id FROM court").query(String.class).list());
        try (Reader in = new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
                CSVParser parser = CSVParser.parse(in, FORMAT)) {
            List<String> missing = COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidRequestException("line 1: the header lacks " + missing + "; expected " + COLUMNS,
                        List.of(new InvalidRequestException.Violation("line 1", "missing columns " + missing)));
            }
            for (CSVRecord record : parser) {
                Row row = row(record, record.getRecordNumber() + 1, courts, errors);
                if (row != null) {
                    rows.add(row);
                }
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            // the text is in memory: an IOException is commons-csv's CSVException (a quote never closed), an
            // IllegalArgumentException a header it cannot read (an empty or duplicate column name)
            throw new InvalidRequestException("csv", "the file is not valid CSV: " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.size() + " line(s) of the file are invalid; nothing was imported",
                    errors);
        }
        if (rows.isEmpty()) {
            throw new InvalidRequestException("csv", "the file has no contact lines");
        }
        return rows;
    }

    private Row row(CSVRecord record, long line, Set<String> courts, List<InvalidRequestException.Violation> errors) {
        int before = errors.size();
        String at = "line " + line;
        if (!record.isConsistent()) {
            errors.add(new InvalidRequestException.Violation(at, "has " + record.size() + " columns, the header "
                    + COLUMNS.size()));
            return null;
        }
        String court = value(record, "court");
        String name = value(record, "party_name");
        String idNumber = value(record, "id_number");
        String phone = value(record, "phone");
        String address = value(record, "address");
        String source = value(record, "source_case");
        if (court == null || !courts.contains(court)) {
            errors.add(new InvalidRequestException.Violation(at + ": court", "unknown court '" + court + "'"));
        }
        check(name == null, at + ": party_name", "the party's name is required", errors);
        check(name != null && name.length() > 200, at + ": party_name", "at most 200 characters", errors);
        check(idNumber != null && idNumber.length() > 40, at + ": id_number", "at most 40 characters", errors);
        check(address != null && address.length() > 500, at + ": address", "at most 500 characters", errors);
        check(source != null && source.length() > 100, at + ": source_case", "at most 100 characters", errors);
        check(phone == null && address == null, at, "a contact needs a phone or an address", errors);
        String e164 = null;
        if (phone != null) {
            e164 = phoneNumbers.normalise(phone).orElse(null);
            check(e164 == null, at + ": phone", "'" + phone + "' is not a valid phone number", errors);
        }
        return errors.size() > before ? null : new Row(court, name, idNumber, e164, address, source);
    }

    private static void check(boolean bad, String field, String message, List<InvalidRequestException.Violation> errors) {
        if (bad) {
            errors.add(new InvalidRequestException.Violation(field, message));
        }
    }

    private static String value(CSVRecord record, String column) {
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The known contacts of a party: by id number where both have one, else by name within the court. */
    public List<ContactLookupProvider.ContactProposal> find(ContactLookupProvider.PartyQuery party) {
        String sql = """
                SELECT phone, address, source_case FROM court_contact
                 WHERE (court_id = :court AND party_name = :name AND (id_number IS NULL OR :id IS NULL))
                    OR (:id IS NOT NULL AND id_number = :id)
                 ORDER BY id""";
        return jdbc.sql(sql).param("court", party.court()).param("name", party.name())
                .param("id", party.idNumber() == null || party.idNumber().isBlank() ? null : party.idNumber())
                .query((rs, n) -> new ContactLookupProvider.ContactProposal(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? "法院既往案件联系人" : "法院既往案件 " + rs.getString(3)))
                .list();
    }
}
