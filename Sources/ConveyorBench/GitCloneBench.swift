import ConveyorTestSupport
import Foundation
import Git

/// Times `Repository.clone` (libgit2) against `git clone` (the CLI) on one generated repository (5,000 files,
/// 200 commits) served by the loopback ``GitHTTPServer``. Prints the medians and their ratio against the target
/// (libgit2 at most 1.5× the CLI); never asserts. Full clones (with checkout) and bare clones are reported apart,
/// so transfer and checkout costs can be told apart.
enum GitCloneBench {
    static let fileCount = 5_000
    static let commitCount = 200
    static let repetitions = 5
    static let target = 1.5

    static func run() async throws {
        let scratch = try TemporaryDirectory(prefix: "bench-git-clone")
        defer { scratch.remove() }
        let token = "bench-\(UUID().uuidString)"
        let server = GitHTTPServer(root: scratch.appending("served"), token: token)
        try FileManager.default.createDirectory(at: server.root, withIntermediateDirectories: true)
        try await generateRepository(on: server)
        try await server.start()
        do {
            let remote = try server.url(for: "bench")
            let cliRemote = try authenticatedURL(remote, token: token)
            var runs = 0
            for bare in [false, true] {
                // Clones stay on disk until the end: deleting thousands of files between runs slows the next
                // run's file creation on some filesystems (ext4 mounted with `discard`).
                func target(_ tool: String) -> URL {
                    runs += 1
                    return scratch.appending("\(tool)-\(bare ? "bare" : "full")-\(runs)")
                }
                let libgit2 = {
                    _ = try await Repository.clone(
                        from: remote, to: target("libgit2"), credentials: .token(token), bare: bare)
                }
                let cli = {
                    let arguments = ["clone", "--quiet"] + (bare ? ["--bare"] : []) + [cliRemote.absoluteString]
                    let destination = target("cli").path
                    try await GitCLI.runDetached(arguments + [destination])
                }
                try await libgit2()
                try await cli()
                var samples = (libgit2: Samples(), cli: Samples())
                for round in 0..<repetitions {
                    if round.isMultiple(of: 2) {
                        try await samples.libgit2.measure(libgit2)
                        try await samples.cli.measure(cli)
                    } else {
                        try await samples.cli.measure(cli)
                        try await samples.libgit2.measure(libgit2)
                    }
                }
                report(bare ? "git-clone-bare" : "git-clone", libgit2: samples.libgit2, cli: samples.cli)
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Writes the benchmark repository `bench.git` with `git fast-import` and prints its size.
    private static func generateRepository(on server: GitHTTPServer) async throws {
        let started = ContinuousClock.now
        let bare = try server.createBareRepository("bench")
        let stream = FastImportStream.make(files: fileCount, commits: commitCount)
        try await GitCLI.runDetached(["-C", bare.path, "fast-import", "--quiet"], input: stream)
        let counts = try GitCLI.run(["-C", bare.path, "count-objects", "-v"]).split(separator: "\n")
        let packKiB = counts.first { $0.hasPrefix("size-pack:") }?.split(separator: " ").last ?? "?"
        print(
            "git-clone setup files=\(fileCount) commits=\(commitCount) stream_bytes=\(stream.count) "
                + "pack_kib=\(packKiB) generate_ms=\(format(Samples.milliseconds(ContinuousClock.now - started)))")
    }

    /// Prints the samples, then the medians and their ratio against the target, under `name`.
    private static func report(_ name: String, libgit2: Samples, cli: Samples) {
        let libgit2Median = libgit2.median
        let cliMedian = cli.median
        print("\(name) samples_ms libgit2=\(format(libgit2.milliseconds)) cli=\(format(cli.milliseconds))")
        print(
            "\(name) libgit2_median_ms=\(format(libgit2Median)) cli_median_ms=\(format(cliMedian)) "
                + "ratio=\(String(format: "%.2f", libgit2Median / cliMedian)) target<=\(target)")
    }

    /// `url` with the bench token as its password, for the git CLI (never printed).
    private static func authenticatedURL(_ url: URL, token: String) throws -> URL {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.user = "bench"
        components?.password = token
        guard let authenticated = components?.url else { throw GitServerError.notListening }
        return authenticated
    }

    private static func format(_ value: Double) -> String { BenchFormat.number(value, digits: 1) }

    private static func format(_ values: [Double]) -> String { values.map(format).joined(separator: ",") }
}
