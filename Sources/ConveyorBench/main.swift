import Foundation

/// `ConveyorBench <benchmark>`: runs one benchmark and prints its numbers (never asserts).
let benchmarks: [String: @Sendable () async throws -> Void] = [
    "doc-audit": DocAuditBench.run,
    "git-clone": GitCloneBench.run,
    "http-keepalive": HTTPKeepAliveBench.run,
    "measure": MeasureCommand.run,
    "plan-latency": PlanBench.run,
    "run-burst": RunBurstBench.run,
    "run-overhead": RunOverheadBench.run,
    "state-commit": StateBench.commit,
    "state-growth": StateBench.growth,
    "tick-idle": TickBench.run,
]

let name = CommandLine.arguments.dropFirst().first ?? ""
guard let benchmark = benchmarks[name] else {
    let names = benchmarks.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: ConveyorBench <benchmark>   (one of: \(names))\n".utf8))
    exit(2)
}
try await benchmark()
