import ConveyorTestSupport
import Foundation

/// `plan-latency`: wall time of the built `conveyor plan` on a payload that needs no network (a label that is
/// not a trigger, so nothing is authorized), next to `conveyor --version` in the same run — the cost of
/// starting the binary at all. Target: plan median ≤ 50 ms.
enum PlanBench {
    static let repetitions = 40

    static func run() async throws {
        let binary = try BenchBinary.conveyor()
        let scratch = try TemporaryDirectory(prefix: "bench-plan")
        defer { scratch.remove() }
        let event = scratch.appending("event.json")
        try Corpus.data("github-events/issues.labeled.json").write(to: event)
        let environment = [
            "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "issues", "GITHUB_EVENT_PATH": event.path,
            "GITHUB_REPOSITORY": "Codertocat/Hello-World", "GITHUB_API_URL": "http://127.0.0.1:9",
        ]
        var plan = Samples()
        var startup = Samples()
        for _ in 0..<repetitions {
            try await plan.measure {
                try ProcessRunner.check([binary.path, "plan", "--format", "json"], environment: environment)
            }
            try await startup.measure { try ProcessRunner.check([binary.path, "--version"]) }
        }
        let format = { (value: Double) in BenchFormat.number(value, digits: 1) }
        print(
            "plan-latency plan_median_ms=\(format(plan.median)) plan_p95_ms=\(format(plan.p95)) "
                + "startup_median_ms=\(format(startup.median)) overhead_ms=\(format(plan.median - startup.median)) "
                + "target<=50 runs=\(repetitions)")
    }
}
