package org.hearthmail.e2e.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheKeyOfItsTableOnlyAndKeepsComments() throws Exception {
        Path f = dir.resolve("a.toml");
        Files.writeString(f, "[intake]\n# where\nlisten = \"127.0.0.1:10025\"\n[imap]\nlisten = \"x\"\n");
        new TomlFile(f).set("intake", "listen", TomlFile.string("10.77.0.2:10025"));
        assertThat(f).content().isEqualTo("[intake]\n# where\nlisten = \"10.77.0.2:10025\"\n[imap]\nlisten = \"x\"\n");
    }

    @Test
    void addsAMissingKeyBelowItsTableAndAMissingTableAtTheEnd() throws Exception {
        Path f = dir.resolve("b.toml");
        Files.writeString(f, "[relay]\nouter = 1\n");
        new TomlFile(f).set("relay", "tls_fingerprint", TomlFile.string("ab"))
                .set("imap", "proxy_from", TomlFile.array("10.77.0.1/32"));
        assertThat(f).content().isEqualTo("[relay]\ntls_fingerprint = \"ab\"\nouter = 1\n\n[imap]\nproxy_from = [\"10.77.0.1/32\"]\n");
    }

    @Test
    void aKeyThatOnlyStartsLikeAnotherIsNotReplaced() throws Exception {
        Path f = dir.resolve("c.toml");
        Files.writeString(f, "[imap]\nlisten_tls = \"a\"\n");
        new TomlFile(f).set("imap", "listen", TomlFile.string("b"));
        assertThat(f).content().isEqualTo("[imap]\nlisten = \"b\"\nlisten_tls = \"a\"\n");
    }

    @Test
    void aReasonGoesAsACommentRightAboveTheKey() throws Exception {
        Path f = dir.resolve("d.toml");
        Files.writeString(f, "[gate]\npregreet_delay = \"3s\"\n[tunnel]\nkeepalive = 25\n");
        new TomlFile(f).set("gate", "pregreet_delay", TomlFile.string("0s"), "clients here never talk early")
                .set("tunnel", "down_after", "6", "fast flap detection");
        assertThat(f).content().isEqualTo("[gate]\n# test: clients here never talk early\npregreet_delay = \"0s\"\n"
                + "[tunnel]\n# test: fast flap detection\ndown_after = 6\nkeepalive = 25\n");
    }
}
