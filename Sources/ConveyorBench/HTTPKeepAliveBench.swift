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

        var clientSamples = Samples()
        for _ in 0..<clientRequests {
            try await clientSamples.measure { _ = try await client.send(HTTPRequest(url: url)) }
        }
        let connections = await forge.connectionCount()

        var cliSamples = Samples()
        for _ in 0..<cliRequests {
            try await cliSamples.measure { try runCurl(url: url, token: forge.token) }
        }
        await forge.stop()

        let format = { (value: Double) in BenchFormat.number(value) }
        print(
            "http-keepalive client_per_req_ms=\(format(clientSamples.median)) client_mean_ms=\(format(clientSamples.mean)) "
                + "curl_cli_per_req_ms=\(format(cliSamples.median)) curl_cli_mean_ms=\(format(cliSamples.mean)) "
                + "ratio=\(format(clientSamples.median / cliSamples.median)) target<=0.5 "
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
}
