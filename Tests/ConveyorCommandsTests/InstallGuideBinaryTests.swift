import ConveyorTestSupport
import Foundation
import Testing

/// docs/user-guide.md "Install on GitHub" / "Install on Gitea", followed with the built binary against the fake
/// forge: `init --dry-run` writes nothing, `init` writes the files, `labels sync --dry-run` changes nothing,
/// `labels sync` creates the labels, a second sync and a second init change nothing, and the check reports ok.
@Suite struct InstallGuideBinaryTests {
    @Test(arguments: ForgeDialect.allCases)
    func theInstallStepsWorkAsWritten(dialect: ForgeDialect) async throws {
        let forge = try await FakeForge.start()
        let checkout = try TemporaryDirectory(prefix: "install")
        defer { checkout.remove() }
        let binary = try BuiltBinary.url().path
        let forgeFlags = dialect == .github ? [] : ["--forge", "gitea"]
        let target =
            forgeFlags + [
                "--api-url", forge.apiURL(dialect).absoluteString, "--repository", "\(forge.owner)/\(forge.repo)",
            ]
        let tokenVariable = dialect == .github ? "GITHUB_TOKEN" : "GITEA_TOKEN"
        let clean = [
            "GITHUB_ACTIONS": "", "GITEA_ACTIONS": "", "GITHUB_REPOSITORY": "", "GITHUB_API_URL": "",
            "GITHUB_WORKSPACE": "", "CONVEYOR_TOKEN": "", "GITHUB_TOKEN": "", "GITEA_TOKEN": "", "CONVEYOR_VARS": "",
        ]
        func conveyor(_ arguments: [String], token: Bool = false) async throws -> ProcessOutput {
            var environment = clean
            if token { environment[tokenVariable] = forge.token }
            let output = try await ProcessRunner.runDetached(
                [binary] + arguments + ["--directory", checkout.path], environment: environment)
            #expect(!output.stdout.contains(forge.token) && !output.stderr.contains(forge.token))
            return output
        }

        let dryRun = try await conveyor(["init", "--dry-run"] + forgeFlags)
        #expect(dryRun.succeeded, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("+name: Conveyor"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: checkout.path).isEmpty)

        let initialised = try await conveyor(["init"] + forgeFlags)
        #expect(initialised.succeeded, "\(initialised.stderr)")
        let workflow = dialect == .github ? ".github/workflows/conveyor.yml" : ".gitea/workflows/conveyor.yml"
        #expect(FileManager.default.fileExists(atPath: checkout.appending(workflow).path))
        #expect(FileManager.default.fileExists(atPath: checkout.appending(".conveyor/config.yml").path))
        #expect(initialised.stdout.contains("[todo] secrets"))

        let again = try await conveyor(["init", "--format", "json"] + forgeFlags)
        let files = try #require(
            (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["files"]
                as? [[String: Any]])
        #expect(!files.isEmpty && files.allSatisfy { $0["action"] as? String == "unchanged" })

        let preview = try await conveyor(["labels", "sync", "--dry-run"] + target, token: true)
        #expect(preview.succeeded, "\(preview.stderr)")
        #expect(preview.stdout.contains("would create run:intake"))
        #expect(await forge.repositoryLabels().isEmpty)

        let synced = try await conveyor(["labels", "sync"] + target, token: true)
        #expect(synced.succeeded, "\(synced.stderr)")
        let names = Set(await forge.repositoryLabels().map(\.name))
        #expect(names.isSuperset(of: ["run:intake", "run:dev:revise", "state:in-review", "need:input", "epic"]))

        let second = try await conveyor(["labels", "sync", "--format", "json"] + target, token: true)
        let changes = (try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])?["changes"]
        #expect((changes as? [Any])?.isEmpty == true, "\(second.stdout)")

        let check = try await conveyor(["init"] + target, token: true)
        #expect(check.stdout.contains("[ok] token permissions"), "\(check.stdout)")
        #expect(check.stdout.contains("[ok] labels"), "\(check.stdout)")

        // Step 9's "Run workflow": the workflow init wrote offers the form, and a dispatch from it is decided.
        let written = try String(contentsOf: checkout.appending(workflow), encoding: .utf8)
        for needed in ["workflow_dispatch:", "mode:", "agent:", "schedule:", "command: tick"] {
            #expect(written.contains(needed), "the workflow lacks \(needed)")
        }
        let issue = await forge.seedIssue(title: "An idea")
        await forge.setPermission(user: "owner-person", level: .admin)
        let event = checkout.appending("dispatch.json")
        let inputs = ["issue": "\(issue)", "stage": "intake", "mode": "rerun", "agent": "offline"]
        try JSONSerialization.data(withJSONObject: [
            "inputs": inputs, "sender": ["login": "owner-person", "type": "User"],
        ])
        .write(to: event)
        var job = clean
        job["GITHUB_ACTIONS"] = "true"
        job["GITEA_ACTIONS"] = dialect == .gitea ? "true" : ""
        job["GITHUB_REPOSITORY"] = "\(forge.owner)/\(forge.repo)"
        job["GITHUB_API_URL"] = forge.apiURL(dialect).absoluteString
        job["GITHUB_SERVER_URL"] = forge.rootURL.absoluteString
        job[tokenVariable] = forge.token
        let plan = try await ProcessRunner.runDetached(
            [
                binary, "plan", "--event-name", "workflow_dispatch", "--event-path", event.path, "--format", "json",
                "--repository-root", checkout.path,
            ], environment: job)
        let decision = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any]
        #expect(decision?["action"] as? String == "run", "\(plan.stdout)\(plan.stderr)")
        #expect(decision?["stage"] as? String == "intake" && decision?["mode"] as? String == "rerun")
        await forge.stop()
    }

    /// The two install sections stay short enough to follow, and name the settings and token choices they must.
    @Test func theInstallSectionsAreShortAndNameTheSettingsAndTokens() throws {
        let guide = try String(
            contentsOf: Corpus.directory.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/user-guide.md"),
            encoding: .utf8)
        func section(_ title: String) throws -> String {
            let start = try #require(guide.range(of: "## \(title)\n"), "no section \(title)")
            let rest = guide[start.upperBound...]
            return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
        }
        for title in ["Install on GitHub", "Install on Gitea"] {
            let text = try section(title)
            let steps = text.split(separator: "\n").filter { $0.wholeMatch(of: /\d+\. .*/) != nil }
            #expect((5...9).contains(steps.count), "\(title) has \(steps.count) steps")
            #expect(steps.first?.hasPrefix("1. ") == true)
            #expect(text.contains("conveyor init") && text.contains("conveyor labels sync"))
            #expect(text.contains("CONVEYOR_TOKEN"), "\(title) names no token choice")
        }
        let github = try section("Install on GitHub")
        for needed in [
            "Allow GitHub Actions to create and approve pull requests", "Workflow permissions", "job token",
            "GitHub App installation token", "personal token", "| can | cannot |",
        ] {
            #expect(github.contains(needed), "Install on GitHub lacks \(needed)")
        }
        #expect(try section("Install on Gitea").contains("bot user"))
    }
}

/// `conveyor doctor --forge-checks` in a job against the fake forge: missing labels and a read-only token fail,
/// naming the fix; after `labels sync` the labels check passes.
@Suite struct DoctorForgeChecksBinaryTests {
    @Test(arguments: ForgeDialect.allCases)
    func doctorReportsLabelsVariablesAndTokenAccess(dialect: ForgeDialect) async throws {
        let forge = try await FakeForge.start()
        let binary = try BuiltBinary.url().path
        var job = [
            "GITHUB_ACTIONS": "true", "GITEA_ACTIONS": dialect == .gitea ? "true" : "",
            "GITHUB_API_URL": forge.apiURL(dialect).absoluteString, "GITHUB_SERVER_URL": forge.rootURL.absoluteString,
            "GITHUB_REPOSITORY": "\(forge.owner)/\(forge.repo)", "GITHUB_TOKEN": forge.token,
            "CONVEYOR_AGENT": "offline", "RUN_INTAKE_LABEL": "go:intake", "CONVEYOR_VARS": "",
        ]
        func doctor() async throws -> [String: [String: Any]] {
            let output = try await ProcessRunner.runDetached(
                [binary, "doctor", "--forge-checks", "--format", "json"], environment: job)
            #expect(!output.stdout.contains(forge.token))
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            let checks = object?["checks"] as? [[String: Any]] ?? []
            return Dictionary(checks.map { ($0["name"] as? String ?? "", $0) }) { first, _ in first }
        }

        await forge.setTokenAccess(.read)
        let before = try await doctor()
        #expect(before["label-variables"]?["status"] as? String == "ok")
        #expect((before["label-variables"]?["value"] as? String)?.contains("go:intake") == true)
        #expect(before["token-access"]?["status"] as? String == "failure")
        #expect(before["labels"]?["status"] as? String == "failure")
        #expect(
            (before["labels"]?["fix"] as? String)?.contains("conveyor labels sync") == true,
            "\(before["labels"] ?? [:])")

        await forge.setTokenAccess(.write)
        let synced = try await ProcessRunner.runDetached(
            [binary, "labels", "sync", "--directory", FileManager.default.temporaryDirectory.path], environment: job)
        #expect(synced.succeeded, "\(synced.stderr)")
        job["RUN_INTAKE_LABEL"] = "go:intake"
        let after = try await doctor()
        #expect(after["token-access"]?["status"] as? String == "ok")
        #expect(after["labels"]?["status"] as? String == "ok", "\(after["labels"] ?? [:])")
        await forge.stop()
    }
}
