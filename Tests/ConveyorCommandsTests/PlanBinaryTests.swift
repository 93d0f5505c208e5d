import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor plan` run as a job step: the built binary, the Actions environment, a corpus payload and the
/// loopback fake forge answering the permission lookup.
@Suite struct PlanBinaryTests {
    private struct Plan {
        let status: Int32
        let json: [String: Any]
        let stderr: String
    }

    private func plan(
        _ dialect: ForgeDialect, eventName: String, payload: Data, extra: [String: String] = [:],
        prepare: (FakeForge) async -> Void = { _ in }
    ) async throws -> Plan {
        let forge = try await FakeForge.start()
        let scratch = try TemporaryDirectory(prefix: "plan")
        defer { scratch.remove() }
        await prepare(forge)
        var job = try ActionsJob.make(dialect, forge: forge, eventName: eventName, payload: payload, in: scratch)
        job.variables.merge(extra) { _, new in new }
        let output = try await ProcessRunner.runDetached(
            [try BuiltBinary.url().path, "plan", "--format", "json"], environment: job.variables)
        await forge.stop()
        #expect(!output.stdout.contains(forge.token) && !output.stderr.contains(forge.token))
        let json = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
        return Plan(status: output.status, json: json, stderr: output.stderr)
    }

    private func labeled(_ label: String) throws -> Data {
        try ActionsJob.payload("github-events/issues.labeled.json") { $0["label"] = ["name": label] }
    }

    @Test func aWriterAddingTheIntakeLabelRunsIntake() async throws {
        let result = try await plan(.github, eventName: "issues", payload: try labeled("run:intake")) {
            await $0.setPermission(user: "Codertocat", level: .write)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["action"] as? String == "run")
        #expect(result.json["stage"] as? String == "intake")
        #expect(result.json["mode"] as? String == "run")
        #expect(result.json["authorized"] as? Bool == true)
        #expect((result.json["work_item"] as? [String: Any])?["number"] as? Int == 1)
        #expect((result.json["actor"] as? [String: Any])?["login"] as? String == "Codertocat")
        for key in ["action", "stage", "work_item", "mode", "actor", "authorized", "reason"] {
            #expect(result.json.keys.contains(key), "missing key \(key)")
        }
    }

    @Test func aReaderIsDeniedAndNothingRuns() async throws {
        let result = try await plan(.github, eventName: "issues", payload: try labeled("run:intake")) {
            await $0.setPermission(user: "Codertocat", level: .read)
        }
        #expect(result.status == 0)
        #expect(result.json["action"] as? String == "skip")
        #expect(result.json["authorized"] as? Bool == false)
        #expect(result.json["skip_code"] as? String == "unauthorized")
        #expect((result.json["reason"] as? String)?.contains("read") == true)
        #expect(result.stderr.contains("::notice::Not authorized"))
    }

    @Test func aFailingPermissionLookupDeniesAndAsksForARetry() async throws {
        let result = try await plan(.github, eventName: "issues", payload: try labeled("run:intake")) {
            await $0.inject(.status(503), on: .getPermission, times: 10)
        }
        #expect(result.status == 75)
        #expect(result.json["authorized"] as? Bool == false)
        #expect(result.json["retryable"] as? Bool == true)
    }

    @Test func aRenamedLabelRoutesAndTheDefaultNameNoLongerTriggers() async throws {
        let renamed = ["CONVEYOR_VARS": #"{"run_intake_label": "go:intake"}"#]
        let routed = try await plan(.github, eventName: "issues", payload: try labeled("go:intake"), extra: renamed) {
            await $0.setPermission(user: "Codertocat", level: .admin)
        }
        #expect(routed.json["stage"] as? String == "intake")
        #expect(routed.json["authorized"] as? Bool == true)
        let ignored = try await plan(.github, eventName: "issues", payload: try labeled("run:intake"), extra: renamed)
        #expect(ignored.json["action"] as? String == "skip")
        #expect(ignored.json["skip_code"] as? String == "not_a_trigger_label")
    }

    @Test func aGiteaLabelUpdateIsAuthorizedThroughGiteaRoutes() async throws {
        // The corpus payload adds `help wanted`; the same Gitea shape adding the intake label instead.
        let payload = try ActionsJob.payload("gitea-events/constructed.issues.label_updated.json") { object in
            object["changes"] = ["added_labels": [["id": 301, "name": "run:intake"]], "removed_labels": NSNull()]
        }
        let result = try await plan(.gitea, eventName: "issues", payload: payload) {
            await $0.setPermission(user: "a_nice_user", level: .admin)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["action"] as? String == "run", "\(result.json)")
        #expect(result.json["authorized"] as? Bool == true)
    }

    @Test func aMalformedPayloadIsBadInputNamingTheFile() async throws {
        let result = try await plan(.github, eventName: "issues", payload: Data("{not json".utf8))
        #expect(result.status == 65)
        #expect(result.stderr.contains("GITHUB_EVENT_PATH"))
    }
}
