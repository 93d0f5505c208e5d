import ConveyorTestSupport
import Foundation
import Git
import StateBranch
import Testing

/// `conveyor plan` reading and writing the state branch: Gitea label updates without `changes`, and denials.
@Suite struct PlanStateTests {
    /// A Gitea `label_updated` on issue #8 that carries only the resulting label list.
    private func giteaLabelList(_ labels: [String]) throws -> Data {
        try ActionsJob.payload("gitea-events/constructed.issues.label_updated.json") { object in
            object["changes"] = nil
            var issue = object["issue"] as? [String: Any] ?? [:]
            issue["labels"] = labels.enumerated().map { ["id": 400 + $0.offset, "name": $0.element] }
            object["issue"] = issue
        }
    }

    private func plan(
        _ payload: Data, state: StateServer, arguments: [String] = [], prepare: (FakeForge) async -> Void
    ) async throws -> (ProcessOutput, [String: Any]) {
        // One token for git and the API, as a job's GITHUB_TOKEN is.
        let forge = try await FakeForge.start(token: state.token)
        let scratch = try TemporaryDirectory(prefix: "plan-state")
        defer { scratch.remove() }
        await prepare(forge)
        let job = try ActionsJob.make(.gitea, forge: forge, eventName: "issues", payload: payload, in: scratch)
        let variables = try state.environment(job.variables.merging(["CONVEYOR_TOKEN": state.token]) { _, new in new })
        let command = [try BuiltBinary.url().path, "plan", "--format", "json"] + arguments
        let output = try await onOwnThread { try ProcessRunner.run(command, environment: variables) }
        await forge.stop()
        let json = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
        return (output, json)
    }

    private func recordHandledIntake(_ state: StateServer) async throws {
        let cache = try TemporaryDirectory(prefix: "plan-state-cache")
        defer { cache.remove() }
        let location = StateLocation(
            remote: try state.server.url(for: "state"), credentials: .token(state.token), cacheDirectory: cache.url)
        let item = WorkItemKey(repository: "octo-org/hello-world", number: 8)
        _ = try await StateBranchStore(location: location).apply(
            [
                .upsertWorkItem(WorkItemUpdate(workItem: item, title: "Issue 8", at: Date())),
                .startRun(
                    RunStart(
                        runID: "earlier-intake", workItem: item, stage: "intake", mode: "run", actor: "a_nice_user",
                        trigger: "label run:intake", at: Date())),
            ], message: "earlier intake run")
    }

    @Test func aGiteaLabelListIsComparedWithWhatStateHasHandled() async throws {
        try await StateServer.with { state in
            let payload = try giteaLabelList(["bug", "run:intake", "run:vision"])
            let (before, ambiguous) = try await plan(payload, state: state) {
                await $0.setPermission(user: "a_nice_user", level: .write)
            }
            #expect(before.status == 0, "\(before.stderr)")
            #expect(ambiguous["skip_code"] as? String == "several_trigger_labels")

            try await recordHandledIntake(state)
            let (after, decided) = try await plan(payload, state: state) {
                await $0.setPermission(user: "a_nice_user", level: .write)
            }
            #expect(after.status == 0, "\(after.stderr)")
            #expect(decided["action"] as? String == "run")
            #expect(decided["stage"] as? String == "vision")
            #expect(decided["authorized"] as? Bool == true)
        }
    }

    @Test func aRefusedSenderIsRecordedInStateWhenAsked() async throws {
        try await StateServer.with { state in
            let payload = try ActionsJob.payload("gitea-events/constructed.issues.label_updated.json") { object in
                object["changes"] = ["added_labels": [["id": 301, "name": "run:intake"]]]
            }
            let (output, json) = try await plan(payload, state: state, arguments: ["--record-denial"]) {
                await $0.setPermission(user: "a_nice_user", level: .read)
            }
            #expect(output.status == 0, "\(output.stderr)")
            #expect(json["skip_code"] as? String == "unauthorized")
            let export = try await state.conveyor(["state", "export"])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains("trigger.denied"))
            #expect(export.stdout.contains("a_nice_user"))
            #expect(!export.stdout.contains(state.token))
        }
    }
}
