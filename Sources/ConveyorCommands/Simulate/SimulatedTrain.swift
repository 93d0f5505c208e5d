import Actions
import Flows
import Forge
import Git
import Foundation
import Pipeline
import StateBranch

/// `conveyor simulate --release-train`: a local forge with an earlier release tag, a local bare repository for
/// state, two team leads, and ``Flows/ScriptedTrain/demo(owner:leads:)`` run against them.
enum SimulatedTrain {
    static func run(in root: URL) async throws -> [String] {
        let remote = root.appendingPathComponent("remote.git", isDirectory: true)
        try await SampleProject.create(at: remote)
        let owner = SimulatedWorld.owner
        let slug = try RepositorySlug(parsing: "\(owner)/paper-trail")
        let file = root.appendingPathComponent("forge.json")
        let forge = try await LocalForge.create(at: file, repository: slug, owner: owner)
        try await forge.recordTag("v2.6.4", sha: String(repeating: "0", count: 40))
        let leads = ["bob", "dave"]
        for lead in leads { try await forge.setPermission(.write, for: lead) }
        let configuration = try PipelineConfiguration.parse(
            """
            release_train:
              start: {weekday: friday, time: "11:00", timezone: Europe/Moscow}
              teams: {backend: [bob], ios: [dave]}
            tick: {reminders: false}
            """)
        let heartbeat = Heartbeat(
            context: .init(
                forge: forge, client: { _ in forge }, configuration: configuration, labels: .defaults,
                selfLogins: [LocalForge.defaultAuthor], log: FlowLog()))
        let location = StateLocation(
            remote: remote, credentials: .none, cacheDirectory: root.appendingPathComponent("state-cache"))
        var lines = try await ScriptedTrain.demo(owner: owner, leads: leads).run(
            heartbeat: heartbeat, location: location, options: StateWriteOptions()
        ) { author, body, number in
            _ = try await forge.createComment(onIssue: number, body: body, author: author)
        }
        lines += [
            "", "  forge (release issue, messages, milestone): \(file.path)",
            "  state: conveyor state show --state-remote \(remote.absoluteString)",
        ]
        return lines
    }
}
