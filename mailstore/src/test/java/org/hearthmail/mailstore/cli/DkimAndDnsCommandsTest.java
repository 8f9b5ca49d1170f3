package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.dkim.DkimKeyRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailstore dkim rotate|list} and {@code mailstore dns records} on a real installation. */
class DkimAndDnsCommandsTest {

    @TempDir
    Path dir;
    private CliFixture cli;

    @BeforeEach
    void init() {
        cli = new CliFixture(dir.resolve("data"));
        assertThat(cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org").exit()).isZero();
    }

    @Test
    void rotateMakesANewActiveSelectorAndKeepsThePreviousOnePublished() {
        CliFixture.Result first = cli.run("dkim", "rotate");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("new DKIM selector hm\\d{8} is active");
        CliFixture.Result second = cli.run("dkim", "rotate", "--grace-days", "3");
        assertThat(second.out()).containsPattern("previous selector hm\\d{8} stays published until");
        CliFixture.Result list = cli.run("dkim", "list");
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out().lines().toList().get(0)).contains("published");
        assertThat(list.out().lines().toList().get(1)).contains("active");
        CliFixture.Result json = cli.run("dkim", "list", "--json");
        assertThat(json.out()).contains("\"state\" : \"active\"").contains("-ed25519");
    }

    @Test
    void rotateRefusesANegativeGraceAndAMissingInstallation() {
        assertThat(cli.run("dkim", "rotate", "--grace-days", "-1").exit()).isEqualTo(ExitCodes.USAGE);
        CliFixture other = new CliFixture(dir.resolve("nothing"));
        CliFixture.Result r = other.run("dkim", "rotate");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("no mailstore installation");
        assertThat(dir.resolve("nothing/keys")).doesNotExist();
    }

    @Test
    void dnsRecordsPrintsMxSpfBothDkimKeysOfEveryPublishedSelectorAndDmarc() throws Exception {
        cli.run("dkim", "rotate");
        cli.run("dkim", "rotate");
        CliFixture.Result r = cli.run("dns", "records");
        assertThat(r.exit()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("example.org.\tIN\tMX\t10 mx.example.org.");
        assertThat(out).contains("example.org.\tIN\tTXT\t\"v=spf1 a:mx.example.org -all\"");
        assertThat(out).contains("_dmarc.example.org.\tIN\tTXT\t\"v=DMARC1; p=quarantine;");
        assertThat(out.lines().filter(l -> l.contains("._domainkey.example.org.")).count()).isEqualTo(4);
        String rsaLine = out.lines().filter(l -> l.contains("-rsa._domainkey.")).findFirst().orElseThrow();
        // Zone-file TXT: strings of at most 255 octets, joined back they are a valid key record.
        String data = rsaLine.substring(rsaLine.indexOf('"'));
        assertThat(data.split("\" \"")).allSatisfy(part -> assertThat(part.replace("\"", "").length()).isLessThanOrEqualTo(255));
        assertThat(DkimKeyRecord.parse(data.replace("\" \"", "").replace("\"", "")).keyType()).isEqualTo("rsa");
        assertThat(out).doesNotContain("PRIVATE");
    }

    @Test
    void dnsRecordsMakesTheFirstSelectorWhenThereIsNone() throws Exception {
        CliFixture.Result r = cli.run("dns", "records");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("made the first DKIM selector");
        assertThat(r.out().lines().filter(l -> l.contains("._domainkey.")).count()).isEqualTo(2);
        assertThat(Files.list(dir.resolve("data/keys/dkim")).count()).isEqualTo(3);
    }
}
