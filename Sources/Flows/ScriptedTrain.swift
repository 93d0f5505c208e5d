import Foundation
import StateBranch

/// A whole release train run offline with a scripted clock and scripted replies: `conveyor simulate
/// --release-train`. Each step posts the people's comments on the release issue, then runs one heartbeat at the
/// step's time and publishes it, exactly as `conveyor tick --now <time>` would.
public struct ScriptedTrain: Sendable {
    /// One moment of the script: who says what, then a tick.
    public struct Step: Sendable {
        /// The heartbeat's time.
        public var at: Date
        /// Comments posted on the release issue before the tick, as `(login, body)`.
        public var replies: [(author: String, body: String)]

        /// Creates a step.
        public init(at: Date, replies: [(author: String, body: String)] = []) {
            self.at = at
            self.replies = replies
        }
    }

    /// The steps, in time order.
    public let steps: [Step]

    /// Creates a script.
    public init(steps: [Step]) {
        self.steps = steps
    }

    /// The demo: Friday 4 December 2026 in Moscow, the owner corrects the version, approves, holds the meeting,
    /// and the two team leads confirm, one of them twice.
    public static func demo(owner: String, leads: [String]) -> ScriptedTrain {
        func friday(_ time: String) -> Date {
            ISO8601DateFormatter().date(from: "2026-12-04T\(time)+03:00") ?? Date(timeIntervalSince1970: 0)
        }
        let confirmations = leads.map { (author: $0, body: "/ready \(Self.team(of: $0, in: leads))") }
        return ScriptedTrain(steps: [
            Step(at: friday("10:59:00")),
            Step(at: friday("11:00:00")),
            Step(at: friday("11:15:00"), replies: [(owner, "/version 2.8.0")]),
            Step(at: friday("11:30:00"), replies: [(owner, "/approve")]),
            Step(at: friday("15:30:00"), replies: [(owner, "Провели")]),
            Step(at: friday("15:45:00"), replies: Array(confirmations.prefix(1)) + Array(confirmations.prefix(1))),
            Step(at: friday("16:00:00"), replies: Array(confirmations.dropFirst())),
        ])
    }

    /// `backend` for the first lead, `ios` for the second, `team-N` after that.
    public static func team(of lead: String, in leads: [String]) -> String {
        let names = ["backend", "ios"]
        let index = leads.firstIndex(of: lead) ?? 0
        return index < names.count ? names[index] : "team-\(index + 1)"
    }

    /// Runs the script; returns one line per tick and per thing done.
    ///
    /// - Parameters:
    ///   - post: posts `body` as `author` on issue `number` (the simulation's forge seeding).
    public func run(
        heartbeat: Heartbeat, location: StateLocation, options: StateWriteOptions,
        post: @Sendable (_ author: String, _ body: String, _ number: Int) async throws -> Void
    ) async throws -> [String] {
        var lines: [String] = []
        for step in steps {
            if !step.replies.isEmpty {
                let issue = try await StateSnapshot.reading(location) { snapshot in
                    try await snapshot.database.flows(named: ReleaseTrainFlow.name).first.flatMap {
                        ReleaseTrainData.decode($0.dataJSON)?.issue
                    }
                }
                if let issue {
                    for reply in step.replies {
                        try await post(reply.author, reply.body, issue)
                        lines.append("  @\(reply.author) on #\(issue): \(reply.body)")
                    }
                }
            }
            let report = try await TickJob.run(
                heartbeat: heartbeat, at: step.at, selection: .all, location: location, options: options,
                dryRun: false)
            lines.append("tick at \(StateTimestamp.text(step.at)):")
            lines += report.lines.map { "  \($0)" }
        }
        return lines
    }
}
