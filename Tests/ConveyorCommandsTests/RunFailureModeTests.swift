import ConveyorTestSupport
import Foundation
import Testing

/// Failure modes an earlier orchestrator hit (research seed 001, §9), replayed against the built `conveyor run`:
/// each test is named after the mode it guards. The list, with the tests of issue 12 §7, is in docs/testing.md.
@Suite struct RunFailureModeTests {
    @Test("#2 artifacts with exactly the keys the prompt declares pass the gate")
    func thePromptsContractIsWhatTheGateChecks() async throws {
        try await RunWorld.with { world in
            let reader = try ScriptedAgent(.exit(3), in: world, name: "reader")
            _ = try await world.conveyor(["run"], reader.variables)
            let declared = Self.declaredArtifacts(in: try reader.prompt())
            #expect(declared.count == 6, "\(declared)")

            let script = world.scratch.appending("contract.sh")
            try Data(Self.script(writing: declared).utf8).write(to: script)
            await world.forge.addLabel("run:intake", toIssue: 1)
            let run = try await world.conveyor(
                ["run"],
                ["CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path)"].merging(world.nextJob) {
                    $1
                })
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            let body = await world.statusComments().first ?? ""
            #expect(body.contains("gate verdict `pass`"), "\(body)\n\(Self.script(writing: declared))")
        }
    }

    @Test("#9 Conveyor's own status comment never reaches the agent as people's text")
    func theStatusCommentIsNotFedBackToTheAgent() async throws {
        try await RunWorld.with { world in
            let lazy = try ScriptedAgent(.writeNothing, in: world, name: "lazy")
            _ = try await world.conveyor(["run"], lazy.variables)
            #expect(await world.statusComments().count == 1)

            await world.forge.addLabel("run:intake", toIssue: 1)
            let listening = try ScriptedAgent(.exit(3), in: world, name: "listening")
            _ = try await world.conveyor(["run"], listening.variables.merging(world.nextJob) { $1 })
            let prompt = try listening.prompt()
            #expect(!prompt.contains("conveyor:status") && !prompt.contains("Conveyor — work item"), "\(prompt)")
            #expect(!prompt.contains("newest comment since"), "no owner comment: the only comment is Conveyor's")
        }
    }

    @Test("#11 a status comment edit that fails once is retried, never replaced by a second comment")
    func aFailedEditDoesNotSpawnASecondComment() async throws {
        try await RunWorld.with { world in
            let outcome1 = try await world.conveyor(["run"])
            #expect(outcome1.status == 0)
            await world.forge.inject(.status(502), on: .updateComment, times: 1)
            await world.forge.addLabel("run:intake", toIssue: 1)
            let second = try await world.conveyor(["run"], world.nextJob)
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(await world.forge.requestCount(.updateComment) == 2)
            #expect(await world.forge.requestCount(.createComment) == 1)
        }
    }

    @Test("#13 a happy-path run writes one comment, one label set and one trigger removal, and a rerun none")
    func aHappyPathRunIsQuiet() async throws {
        try await RunWorld.with { world in
            let outcome2 = try await world.conveyor(["run"])
            #expect(outcome2.status == 0)
            let outcome3 = try await world.conveyor(["run"])
            #expect(outcome3.status == 0)
            #expect(await world.forge.requestCount(.createComment) == 1)
            #expect(await world.forge.requestCount(.updateComment) == 0)
            #expect(await world.forge.requestCount(.addLabels) == 1)
            #expect(await world.forge.requestCount(.removeLabel) == 1)
            #expect(await world.forge.requestCount(.createPull) == 1)
        }
    }

    @Test(
        "#21 a payload that carries little is not trusted: the issue is read from the API",
        arguments: ForgeDialect.allCases)
    func theIssueComesFromTheAPINotThePayload(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            let payload = try ActionsJob.labeledIssue(dialect, label: "run:intake", issue: 1)
            let object = try JSONSerialization.jsonObject(with: payload) as? [String: Any]
            let payloadTitle = (object?["issue"] as? [String: Any])?["title"] as? String
            let reader = try ScriptedAgent(.exit(3), in: world)
            _ = try await world.conveyor(["run"], reader.variables)
            let prompt = try reader.prompt()
            #expect(prompt.contains("Add a login page") && prompt.contains("Users need to sign in."), "\(prompt)")
            if let payloadTitle, payloadTitle != "Add a login page" {
                #expect(!prompt.contains(payloadTitle), "the payload's stale title: \(payloadTitle)")
            }
        }
    }

    @Test("#22 the agent's task carries the title and the full body")
    func theTaskCarriesTheWholeBody() async throws {
        try await RunWorld.with { world in
            let paragraphs = (1...40).map { "Paragraph \($0): the login page must accept e-mail and passkeys." }
            let body = paragraphs.joined(separator: "\n\n")
            let number = await world.forge.seedIssue(title: "Sign-in for partners", body: body, labels: ["run:intake"])
            let reader = try ScriptedAgent(.exit(3), in: world)
            _ = try await world.conveyor(["run"], try world.event(issue: number).merging(reader.variables) { $1 })
            let prompt = try reader.prompt()
            #expect(prompt.contains("Sign-in for partners"))
            #expect(prompt.contains(body), "every paragraph, verbatim")
        }
    }

    @Test("#24 two work items with the same title never share a branch or a pull request")
    func sameTitlesGetTheirOwnBranches() async throws {
        try await RunWorld.with { world in
            let twin = await world.forge.seedIssue(title: "Add a login page", body: "Again.", labels: ["run:intake"])
            let outcome4 = try await world.conveyor(["run"])
            #expect(outcome4.status == 0)
            let second = try await world.conveyor(["run"], try world.event(issue: twin))
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            let heads = await world.forge.pulls().map(\.head)
            #expect(Set(heads).count == 2, "\(heads)")
            #expect(heads.contains { $0.hasPrefix("conveyor/\(twin)-") }, "\(heads)")
        }
    }

    @Test("#28 a broken configuration fails closed: no built-in defaults, nothing claimed or posted")
    func aBrokenConfigurationRunsNothing() async throws {
        try await RunWorld.with { world in
            let checkout = world.scratch.appending("checkout")
            try FileManager.default.createDirectory(
                at: checkout.appendingPathComponent(".conveyor"), withIntermediateDirectories: true)
            try Data("stages:\n  intake: [unclosed\n".utf8).write(
                to: checkout.appendingPathComponent(".conveyor/config.yml"))
            let run = try await world.conveyor(["run"], ["GITHUB_WORKSPACE": checkout.path])
            #expect(run.status == 65, "\(run.stdout)\n\(run.stderr)")
            #expect(run.stderr.contains("config.yml"), "\(run.stderr)")
            let outcome5 = try await world.recordedRuns()
            #expect(outcome5.isEmpty)
            #expect(await world.forge.comments(issue: 1).isEmpty)
            #expect(await world.forge.labels(issue: 1).allSatisfy { !$0.hasPrefix("state:") && $0 != "need:input" })
            #expect(await world.forge.requestCount(.addLabels) == 0)
            #expect(await world.forge.requestCount(.removeLabel) == 0)
        }
    }

    @Test("#33 an empty forge token fails closed: an error, not a green job, and nothing written")
    func anEmptyTokenFailsClosed() async throws {
        try await RunWorld.with { world in
            let run = try await world.conveyor(["run"], ["GITHUB_TOKEN": "", "GITEA_TOKEN": ""])
            #expect(run.status == 78, "\(run.stdout)\n\(run.stderr)")
            #expect(run.stderr.contains("GITHUB_TOKEN"), "\(run.stderr)")
            #expect(try GitCLI.run(["-C", world.bare.path, "branch", "--list"]) == "* main")
            for write in [ForgeOperation.createComment, .addLabels, .removeLabel, .createPull, .createStatus] {
                #expect(await world.forge.requestCount(write) == 0, "\(write)")
            }
        }
    }
}

extension RunFailureModeTests {
    /// The artifacts the prompt's contract lists, as `(path, type, keys)`, with the keys every file must carry.
    static func declaredArtifacts(in prompt: String) -> [(path: String, type: String, keys: [String])] {
        prompt.split(separator: "\n").compactMap { line in
            let marker = "frontmatter keys: "
            guard line.hasPrefix("- `"), line.contains("— type `"),
                let keysPart = line.components(separatedBy: marker).last
            else { return nil }
            let quoted = line.split(separator: "`", omittingEmptySubsequences: false)
            guard quoted.count > 3 else { return nil }
            let keys = keysPart.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
            return (String(quoted[1]), String(quoted[3]), keys)
        }
    }

    /// A script that writes each declared artifact with the prompt's common keys and its own listed keys.
    static func script(writing artifacts: [(path: String, type: String, keys: [String])]) -> String {
        let common = [
            "doc_id", "type", "status", "owner_role", "stage", "work_item", "related_issues", "version",
            "generated_by",
        ]
        var lines: [String] = []
        for (index, artifact) in artifacts.enumerated() {
            let values: [String: String] = [
                "doc_id": "WI-1-\(artifact.type)", "type": artifact.type, "status": "draft", "owner_role": "pm",
                "stage": "intake", "work_item": "1", "related_issues": "[1]", "version": "1",
                "generated_by": "{agent: contract-test, model: none, run_id: contract}", "questions": "[]",
            ]
            var keys = common
            for key in artifact.keys where !keys.contains(key) { keys.append(key) }
            let frontmatter = keys.map { "\($0): \(values[$0] ?? "Stated for the contract test")" }
            let folder = (artifact.path as NSString).deletingLastPathComponent
            lines += [
                "mkdir -p '\(folder)'",
                "cat > '\(artifact.path)' <<'DOC\(index)'",
                "---",
            ]
            lines += frontmatter
            lines += ["---", "# \(artifact.type)", "DOC\(index)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RunWorld {
    /// Variables for a labeled event on issue `number` instead of #1 (a second `event.json`).
    func event(issue number: Int, dialect: ForgeDialect = .github) throws -> [String: String] {
        let file = scratch.appending("event-\(number).json")
        try ActionsJob.labeledIssue(dialect, label: "run:intake", issue: number).write(to: file)
        return ["GITHUB_EVENT_PATH": file.path, "GITHUB_RUN_ID": "\(5000 + number)"]
    }
}
