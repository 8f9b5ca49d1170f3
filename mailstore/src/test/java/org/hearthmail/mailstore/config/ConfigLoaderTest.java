package org.hearthmail.mailstore.config;

import org.hearthmail.config.ByteSize;
import org.hearthmail.config.InvalidConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            hostname = "mx.example.org"
            mx_host = "mx.example.org"
            """;

    private static MailstoreConfig parse(String extra) {
        return ConfigLoader.parse(MINIMAL + extra);
    }

    private static String error(String text) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(text));
        assertThat(t).isInstanceOf(InvalidConfigException.class);
        return t.getMessage();
    }

    @Test
    void minimalFileGivesTheDocumentedDefaults() throws Exception {
        MailstoreConfig c = parse("");
        assertThat(c.hostname()).isEqualTo("mx.example.org");
        assertThat(c.intake().listen().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.intake().listen().port()).isEqualTo(10025);
        assertThat(c.intake().relayAddresses().contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(c.intake().relayAddresses().contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(c.intake().maxMessageSize()).isEqualTo(50L << 20);
        assertThat(c.tls().certificate()).isEqualTo(Path.of("keys/tls-cert.pem"));
        assertThat(c.authResults().authservId()).as("defaults to mx_host").isEqualTo("mx.example.org");
        assertThat(c.delivery().junkOn()).containsExactly(new JunkRule("dmarc", "fail"));
        assertThat(c.delivery().subaddressSeparator()).isEqualTo("+");
        assertThat(c.delivery().folderDelivery()).isFalse();
        assertThat(c.log().retentionDays()).isEqualTo(14);
        assertThat(c).isEqualTo(MailstoreConfig.defaults("mx.example.org", "mx.example.org"));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        MailstoreConfig c = ConfigLoader.parse("""
                hostname = "home.example.org"
                mx_host = "MX.Example.org."
                [intake]
                listen = "[::1]:2525"
                relay_addresses = ["10.77.0.1/32", "2001:db8::/32"]
                max_message_size = "20M"
                [tls]
                cert = "tls/./cert.pem"
                key = "tls/key.pem"
                [auth_results]
                authserv_id = "auth.example.org"
                [delivery]
                junk_on = ["DMARC=fail", "spf=softfail", "dmarc=fail"]
                subaddress_separator = "-"
                folder_delivery = false
                [log]
                retention_days = 30
                """);
        assertThat(c.mxHost()).isEqualTo("mx.example.org");
        assertThat(c.intake().listen().toString()).isEqualTo("[0:0:0:0:0:0:0:1]:2525".equals(c.intake().listen().toString())
                ? "[0:0:0:0:0:0:0:1]:2525" : "[::1]:2525");
        assertThat(c.intake().relayAddresses().contains(InetAddress.getByName("10.77.0.1"))).isTrue();
        assertThat(c.intake().relayAddresses().contains(InetAddress.getByName("2001:db8::5"))).isTrue();
        assertThat(c.intake().maxMessageSize()).isEqualTo(20L << 20);
        assertThat(c.tls().certificate()).isEqualTo(Path.of("tls/cert.pem"));
        assertThat(c.authResults().authservId()).isEqualTo("auth.example.org");
        assertThat(c.delivery().junkOn()).containsExactly(new JunkRule("dmarc", "fail"), new JunkRule("spf", "softfail"));
        assertThat(c.delivery().subaddressSeparator()).isEqualTo("-");
        assertThat(c.delivery().folderDelivery()).isFalse();
        assertThat(c.log().retentionDays()).isEqualTo(30);
    }

    @Test
    void renderedDefaultFileParsesBackToTheSameConfig() {
        MailstoreConfig c = MailstoreConfig.defaults("home.example.org", "mx.example.org");
        assertThat(ConfigLoader.parse(ConfigFileWriter.render(c))).isEqualTo(c);
    }

    @Test
    void idnHostNamesAreStoredAsALabels() {
        MailstoreConfig c = ConfigLoader.parse("hostname = \"mail.bücher.example\"\nmx_host = \"mx.bücher.example\"\n");
        assertThat(c.hostname()).isEqualTo("mail.xn--bcher-kva.example");
        assertThat(c.authResults().authservId()).isEqualTo("mx.xn--bcher-kva.example");
    }

    @Test
    void portOutOfRangeNamesFileKeyAndValue() {
        assertThat(error(MINIMAL + "[intake]\nlisten = \"10.0.0.1:99999\"\n"))
                .isEqualTo("mailstore.toml: intake.listen: \"10.0.0.1:99999\" is not host:port (port 1-65535)");
        assertThat(error(MINIMAL + "[intake]\nlisten = \"10.0.0.1:0\"\n")).contains("(port 1-65535)");
    }

    @Test
    void listenHostMustBeALiteralNotAName() {
        assertThat(error(MINIMAL + "[intake]\nlisten = \"localhost:25\"\n"))
                .startsWith("mailstore.toml: intake.listen: \"localhost:25\" is not host:port").contains("not a name");
        assertThat(error(MINIMAL + "[intake]\nlisten = \"10.0.0.1\"\n")).contains("intake.listen");
        assertThat(error(MINIMAL + "[intake]\nlisten = \"::1:25\"\n")).contains("intake.listen");
        assertThat(error(MINIMAL + "[intake]\nlisten = \"300.1.1.1:25\"\n")).contains("intake.listen");
    }

    @Test
    void badRelayAddressNamesTheEntry() {
        assertThat(error(MINIMAL + "[intake]\nrelay_addresses = [\"10.77.0.1/40\"]\n"))
                .startsWith("mailstore.toml: intake.relay_addresses: ").contains("10.77.0.1");
        assertThat(error(MINIMAL + "[intake]\nrelay_addresses = [\"relay.example.org\"]\n"))
                .startsWith("mailstore.toml: intake.relay_addresses: not an IP address: 'relay.example.org'");
        assertThat(error(MINIMAL + "[intake]\nrelay_addresses = \"10.77.0.1/32\"\n"))
                .isEqualTo("mailstore.toml: intake.relay_addresses: expected an array of strings, found the string \"10.77.0.1/32\"");
    }

    @Test
    void maxMessageSizeAcceptsBytesOrSuffixesWithinRange() {
        assertThat(parse("[intake]\nmax_message_size = 1048576\n").intake().maxMessageSize()).isEqualTo(1 << 20);
        assertThat(parse("[intake]\nmax_message_size = \"1GiB\"\n").intake().maxMessageSize()).isEqualTo(1 << 30);
        assertThat(error(MINIMAL + "[intake]\nmax_message_size = 100\n"))
                .isEqualTo("mailstore.toml: intake.max_message_size: 100 bytes is out of range (64K to 2G)");
        assertThat(error(MINIMAL + "[intake]\nmax_message_size = \"lots\"\n"))
                .startsWith("mailstore.toml: intake.max_message_size: \"lots\" is not a size");
        assertThat(error(MINIMAL + "[intake]\nmax_message_size = 1.5\n"))
                .contains("intake.max_message_size: expected a size").contains("float 1.5");
    }

    @Test
    void missingHostnameOrMxHostIsNamed() {
        assertThat(error("hostname = \"a.example\"\n")).startsWith("mailstore.toml: mx_host: missing");
        assertThat(error("mx_host = \"a.example\"\n")).startsWith("mailstore.toml: hostname: missing");
        assertThat(error("hostname = \"nodot\"\nmx_host = \"a.example\"\n"))
                .startsWith("mailstore.toml: hostname: 'nodot' is not a fully qualified domain name");
        assertThat(error("hostname = 5\nmx_host = \"a.example\"\n"))
                .isEqualTo("mailstore.toml: hostname: expected a string, found the integer 5");
    }

    @Test
    void tlsPathsMustStayInsideTheDataDirectory() {
        assertThat(error(MINIMAL + "[tls]\ncert = \"/etc/ssl/cert.pem\"\n"))
                .startsWith("mailstore.toml: tls.cert: \"/etc/ssl/cert.pem\" must be a file path relative to the data directory");
        assertThat(error(MINIMAL + "[tls]\nkey = \"keys/../../key.pem\"\n")).startsWith("mailstore.toml: tls.key: ");
        assertThat(error(MINIMAL + "[tls]\nkey = \"\"\n")).startsWith("mailstore.toml: tls.key: ");
    }

    @Test
    void authservIdMustBeADomainName() {
        assertThat(parse("[auth_results]\nauthserv_id = \"Relay.Example.org\"\n").authResults().authservId())
                .isEqualTo("relay.example.org");
        assertThat(error(MINIMAL + "[auth_results]\nauthserv_id = \"has space.example\"\n"))
                .startsWith("mailstore.toml: auth_results.authserv_id: ");
    }

    @Test
    void junkOnEntriesMustBeKnownMethodAndResult() {
        assertThat(error(MINIMAL + "[delivery]\njunk_on = [\"dmarc=quarantine\"]\n"))
                .startsWith("mailstore.toml: delivery.junk_on: \"dmarc=quarantine\": dmarc results are ")
                .contains("fail");
        assertThat(error(MINIMAL + "[delivery]\njunk_on = [\"arc=fail\"]\n"))
                .contains("delivery.junk_on").contains("dkim, spf, dmarc");
        assertThat(error(MINIMAL + "[delivery]\njunk_on = [\"spam\"]\n"))
                .contains("delivery.junk_on: \"spam\" is not method=result");
        assertThat(parse("[delivery]\njunk_on = []\n").delivery().junkOn()).isEmpty();
    }

    @Test
    void subaddressSeparatorIsEmptyOrOneAtextSymbol() {
        assertThat(parse("[delivery]\nsubaddress_separator = \"\"\n").delivery().subaddressSeparator()).isEmpty();
        assertThat(error(MINIMAL + "[delivery]\nsubaddress_separator = \"++\"\n"))
                .startsWith("mailstore.toml: delivery.subaddress_separator: \"++\" must be empty (off) or one of ");
        assertThat(error(MINIMAL + "[delivery]\nsubaddress_separator = \"@\"\n")).contains("subaddress_separator");
        assertThat(error(MINIMAL + "[delivery]\nsubaddress_separator = \".\"\n")).contains("subaddress_separator");
    }

    @Test
    void folderDeliveryCanBeTurnedOn() {
        assertThat(parse("[delivery]\nfolder_delivery = true\n").delivery().folderDelivery()).isTrue();
    }

    @Test
    void folderDeliveryMustBeABoolean() {
        assertThat(error(MINIMAL + "[delivery]\nfolder_delivery = \"yes\"\n"))
                .isEqualTo("mailstore.toml: delivery.folder_delivery: expected true or false, found the string \"yes\"");
    }

    @Test
    void retentionDaysMustBeAnIntegerInRange() {
        assertThat(error(MINIMAL + "[log]\nretention_days = 0\n"))
                .isEqualTo("mailstore.toml: log.retention_days: 0 is out of range (1 to 3650 days)");
        assertThat(error(MINIMAL + "[log]\nretention_days = \"14\"\n"))
                .isEqualTo("mailstore.toml: log.retention_days: expected an integer, found the string \"14\"");
    }

    @Test
    void unknownKeysAreErrorsNamingEveryOne() {
        assertThat(error(MINIMAL + "[intake]\nlistn = \"127.0.0.1:25\"\n[tls]\ncrt = \"x\"\n"))
                .isEqualTo("mailstore.toml: unknown keys intake.listn, tls.crt (allowed in [intake]: listen, "
                        + "relay_addresses, max_message_size; [tls]: cert, key)");
        assertThat(error(MINIMAL + "hostnme = \"x\"\n"))
                .startsWith("mailstore.toml: unknown key hostnme (allowed in top level: hostname, mx_host, intake");
        assertThat(error(MINIMAL + "[intak]\nlisten = \"127.0.0.1:25\"\n")).startsWith("mailstore.toml: unknown key intak ");
    }

    @Test
    void aSectionThatIsNotATableIsNamed() {
        assertThat(error(MINIMAL + "log = 3\n")).isEqualTo("mailstore.toml: log: expected a table [log], found the integer 3");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThat(error("hostname = \"mx.example.org\"\nmx_host = \"mx.example.org\"\n[intake\nlisten = 1\n"))
                .startsWith("mailstore.toml: line 3: TOML syntax error: ");
        assertThat(error("hostname = \"a.example\"\nhostname = \"b.example\"\n"))
                .startsWith("mailstore.toml: line 2: TOML syntax error: ");
        assertThat(error("hostname = \"unterminated\n")).startsWith("mailstore.toml: line 1: TOML syntax error: ");
    }

    @Test
    void loadReadsTheFileInTheDataDirectoryAndChecksTheTlsFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mailstore.toml"), ConfigFileWriter.render(MailstoreConfig.defaults("a.example", "b.example")));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("mailstore.toml: tls.cert: keys/tls-cert.pem does not exist in " + dir);
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/tls-cert.pem"), "x");
        Files.writeString(dir.resolve("keys/tls-key.pem"), "x");
        assertThat(ConfigLoader.load(dir).mxHost()).isEqualTo("b.example");
    }

    @Test
    void loadWithoutAFileSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("mailstore.toml: not found in " + dir);
    }

    @Test
    void loadRefusesNonUtf8(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("mailstore.toml"), new byte[] {'h', '=', '"', (byte) 0xff, '"'});
        assertThatThrownBy(() -> ConfigLoader.load(dir)).hasMessageContaining("not UTF-8");
    }

    @Test
    void byteSizesParseAndFormat() {
        assertThat(ByteSize.parse("0")).isZero();
        assertThat(ByteSize.parse("2G")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("512 kib")).isEqualTo(512L << 10);
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.format(2L << 30)).isEqualTo("2 GiB");
        assertThatThrownBy(() -> ByteSize.parse("99999999999T")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessageContaining("is not a size");
        assertThat(List.of(ByteSize.format(10))).containsExactly("10 B");
    }

    @Test
    void submissionAndRelayDefaults() {
        MailstoreConfig c = ConfigLoader.parse("hostname = \"a.example\"\nmx_host = \"b.example\"\n");
        assertThat(c.submission().listenStartTls().toString()).isEqualTo("127.0.0.1:2587");
        assertThat(c.submission().listenTls().toString()).isEqualTo("127.0.0.1:2465");
        assertThat(c.submission().proxyFrom().isEmpty()).isTrue();
        assertThat(c.submission().stripHeaders()).containsExactly("Received", "X-Originating-IP", "X-Mailer", "User-Agent");
        assertThat(c.relay().outbound().toString()).isEqualTo("127.0.0.1:2526");
        assertThat(c.relay().credentials()).isEqualTo(Path.of("keys/relay-credentials"));
        assertThat(c.relay().provisioned()).isFalse();
    }

    @Test
    void submissionAndRelayKeysAreRead() throws Exception {
        MailstoreConfig c = ConfigLoader.parse("""
                hostname = "a.example"
                mx_host = "b.example"
                [submission]
                listen_starttls = "10.77.0.2:587"
                listen_tls = "10.77.0.2:465"
                proxy_from = ["10.77.0.1/32"]
                strip_headers = ["X-Mailer", "X-Client-Secret"]
                max_message_size = "30M"
                [relay]
                outbound = "10.77.0.1:2526"
                credentials = "keys/relay1.secret"
                tls_fingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
                """);
        assertThat(c.submission().listenStartTls().port()).isEqualTo(587);
        assertThat(c.submission().proxyFrom().contains(InetAddress.getByName("10.77.0.1"))).isTrue();
        assertThat(c.submission().stripHeaders()).containsExactly("X-Mailer", "X-Client-Secret");
        assertThat(c.submission().maxMessageSize()).isEqualTo(30L << 20);
        assertThat(c.relay().tlsFingerprint()).isEqualTo("abcdef0123456789".repeat(4));
        assertThat(c.relay().credentials()).isEqualTo(Path.of("keys/relay1.secret"));
        assertThat(ConfigLoader.parse(ConfigFileWriter.render(c))).isEqualTo(c);
    }

    @Test
    void submissionAndRelayErrorsNameTheKey() {
        assertThat(error(MINIMAL + "[submission]\nlisten_tls = \"127.0.0.1:2587\"\n")).contains("submission.listen_tls")
                .contains("different ports");
        assertThat(error(MINIMAL + "[submission]\nproxy_from = [\"10.77.0.300/32\"]\n")).contains("submission.proxy_from");
        assertThat(error(MINIMAL + "[submission]\nstrip_headers = [\"From\"]\n")).contains("submission.strip_headers")
                .contains("cannot be stripped");
        assertThat(error(MINIMAL + "[submission]\nstrip_headers = [\"X Bad\"]\n")).contains("not a header field name");
        assertThat(error(MINIMAL + "[relay]\ntls_fingerprint = \"abc\"\n")).contains("relay.tls_fingerprint");
        assertThat(error(MINIMAL + "[relay]\ncredentials = \"/etc/secret\"\n")).contains("relay.credentials");
        assertThat(error(MINIMAL + "[relay]\noutbound = \"relay.example:25\"\n")).contains("relay.outbound");
        assertThat(error(MINIMAL + "[relay]\nsecret = \"x\"\n")).contains("relay.secret");
    }
}
