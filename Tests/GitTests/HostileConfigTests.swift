import ConveyorTestSupport
import Foundation
import Git
import Testing

/// A work tree's `.git/config` is the agent's to edit: nothing in it may redirect, ride or hook Conveyor's own
/// fetches and pushes, and the credentials a checkout persisted there are removed before the agent runs.
@Suite("Hostile repository configuration", .timeLimit(.minutes(2)))
struct HostileConfigTests {
    @Test("a push to an explicit URL ignores insteadOf, pushInsteadOf, pushurl, extraheader, proxies and hooks")
    func pushIgnoresTheWorkTreesConfiguration() async throws {
        try await GitFixture.with { fixture in
            let decoy = try fixture.server.createBareRepository("decoy")
            try fixture.server.seed("decoy", files: ["README.md": "decoy\n"], message: "Decoy")
            let decoyBefore = try GitCLI.run(["-C", decoy.path, "rev-parse", "main"])
            let clone = try await fixture.clone("work")
            let real = try fixture.remote.absoluteString
            let decoyURL = try fixture.server.url(for: "decoy").absoluteString
            let marker = fixture.scratch.appending("hook-ran")
            let hooks = clone.location.appendingPathComponent(".git/hooks")
            try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
            let hook = "#!/bin/sh\ntouch '\(marker.path)'\n"
            for name in ["pre-push", "pre-commit", "post-commit", "reference-transaction"] {
                let file = hooks.appendingPathComponent(name)
                try hook.write(to: file, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            }
            let git = ["-C", clone.location.path, "config"]
            try GitCLI.run(git + ["url.\(decoyURL).insteadOf", real])
            try GitCLI.run(git + ["url.\(decoyURL).pushInsteadOf", real])
            try GitCLI.run(git + ["remote.origin.pushurl", decoyURL])
            try GitCLI.run(git + ["http.proxy", "http://127.0.0.1:1"])
            // Sent, a wrong Authorization would fail the push: libgit2 takes extra headers only from its caller.
            let wrong = "Authorization: Basic " + Data("x-access-token:wrong".utf8).base64EncodedString()
            try GitCLI.run(git + ["http.extraheader", wrong])
            try GitCLI.run(git + ["http.\(real).extraheader", wrong])
            try GitCLI.run(git + ["core.hooksPath", hooks.path])

            let commit = try await clone.commit(
                ["notes.md": Data("mine\n".utf8)], onto: "main", message: "Add notes", author: fixture.author)
            let outcome = try await clone.push(
                "main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
            try await clone.fetch(
                from: fixture.remote, refspecs: ["+refs/heads/main:refs/remotes/check/main"],
                credentials: fixture.credentials)

            #expect(outcome == .pushed)
            #expect(try GitCLI.run(["-C", fixture.bare.path, "rev-parse", "main"]) == commit.description)
            #expect(try GitCLI.run(["-C", decoy.path, "rev-parse", "main"]) == decoyBefore)
            #expect(try await clone.resolve("refs/remotes/check/main") == commit)
            #expect(!FileManager.default.fileExists(atPath: marker.path), "a hook ran")
        }
    }

    @Test("persisted credentials are removed from .git/config and from the files it includes; the rest stays")
    func removesPersistedCredentials() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            let header = "AUTHORIZATION: basic " + Data("x-access-token:\(fixture.token)".utf8).base64EncodedString()
            let included = fixture.scratch.appending("git-credentials-1234.config")
            try GitCLI.run(["config", "--file", included.path, "http.https://forge.invalid/.extraheader", header])
            try GitCLI.run(["config", "--file", included.path, "core.sshCommand", "ssh -v"])
            let git = ["-C", clone.location.path, "config"]
            try GitCLI.run(git + ["http.https://forge.invalid/.extraheader", header])
            try GitCLI.run(git + ["--add", "http.extraheader", header])
            try GitCLI.run(git + ["credential.helper", "store"])
            try GitCLI.run(git + ["credential.https://forge.invalid.username", "x-access-token"])
            try GitCLI.run(
                git + [
                    "url.https://x-access-token:\(fixture.token)@forge.invalid/.insteadOf", "https://forge.invalid/",
                ])
            try GitCLI.run(git + ["includeIf.gitdir:\(clone.location.path)/.git.path", included.path])
            try GitCLI.run(
                git + ["remote.mirror.url", "https://x-access-token:\(fixture.token)@forge.invalid/o/r.git"])
            try GitCLI.run(git + ["user.name", "Someone"])

            let removed = try await clone.removePersistedCredentials()

            let config = try String(contentsOf: clone.location.appendingPathComponent(".git/config"), encoding: .utf8)
            let includedText = try String(contentsOf: included, encoding: .utf8)
            #expect(!config.contains(fixture.token), "\(config)")
            #expect(!config.lowercased().contains("extraheader"))
            #expect(!config.contains("credential"))
            #expect(!includedText.contains(fixture.token), "\(includedText)")
            #expect(includedText.contains("sshCommand"))
            #expect(try GitCLI.run(git + ["user.name"]) == "Someone")
            #expect(try GitCLI.run(git + ["remote.mirror.url"]) == "https://forge.invalid/o/r.git")
            #expect(try GitCLI.run(git + ["remote.origin.url"]) == fixture.remote.absoluteString)
            #expect(removed.contains("http.https://forge.invalid/.extraheader"))
            #expect(removed.contains("credential.helper"))
            #expect(removed.contains { $0.hasPrefix("http.https://forge.invalid/.extraheader in ") })
            #expect(!removed.joined().contains(fixture.token))
            #expect(try await clone.removePersistedCredentials().isEmpty)
        }
    }
}
