import ConveyorTestSupport
import Foundation
import HTTP

/// `http-keepalive`: sequential GETs of one issue from the fake forge through ``HTTPClient``
/// (one reused keep-alive connection) against spawning the `curl` CLI once per request (a new
/// process and connection each time). Prints per-request median and mean and the ratio of the
/// medians, with the target `ratio <= 0.5`.
enum HTTPKeepAliveBench {
    static let clientRequests = 1_000
    static let cliRequests = 100

    static func run() async throws {
        let forge = try await FakeForge.start()
        let number = await forge.seedIssue(title: "Benchmark issue")
        let url = forge.repositoryURL(.github, "/issues/\(number)")
        let client = HTTPClient(configuration: .init(retry: .none, authorization: "Bearer \(forge.token)"))
        _ = try await client.send(HTTPRequest(url: url))

        var clientSamples: [Duration] = []
        for _ in 0..<clientRequests {
            clientSamples.append(try await timed { _ = try await client.send(HTTPRequest(url: url)) })
        }
        let connections = await forge.connectionCount()

        var cliSamples: [Duration] = []
        for _ in 0..<cliRequests {
            cliSamples.append(try await timed { try runCurl(url: url, token: forge.token) })
        }
        await forge.stop()

        let clientMedian = milliseconds(median(clientSamples))
        let cliMedian = milliseconds(median(cliSamples))
        print(
            "http-keepalive client_per_req_ms=\(format(clientMedian)) client_mean_ms=\(format(mean(clientSamples))) "
                + "curl_cli_per_req_ms=\(format(cliMedian)) curl_cli_mean_ms=\(format(mean(cliSamples))) "
                + "ratio=\(format(clientMedian / cliMedian)) target<=0.5 "
                + "client_requests=\(clientRequests) cli_requests=\(cliRequests) client_connections=\(connections)")
    }

    /// One `curl` process fetching `url`, output discarded; throws unless it exits 0.
    private static func runCurl(url: URL, token: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "-sS", "--fail", "-o", "/dev/null", "-H", "Authorization: Bearer \(token)", url.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure(message: "curl exited with \(process.terminationStatus) fetching \(url.path)")
        }
    }

    private static func timed(_ work: () async throws -> Void) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try await work()
        return clock.now - start
    }

    private static func median(_ samples: [Duration]) -> Duration {
        let sorted = samples.sorted()
        return sorted.isEmpty ? .zero : sorted[sorted.count / 2]
    }

    private static func mean(_ samples: [Duration]) -> Double {
        samples.isEmpty ? 0 : samples.map(milliseconds).reduce(0, +) / Double(samples.count)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

/// A benchmark step that failed.
struct BenchFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
