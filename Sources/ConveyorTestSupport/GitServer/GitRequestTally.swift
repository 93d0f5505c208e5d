import Foundation
import Synchronization

/// What a ``GitHTTPServer`` answered so far, by kind of request: how many, the CPU its `git http-backend`
/// children used, and the bytes it sent back. Benchmarks read it to say where a job's git round trips and the
/// server's CPU go.
public struct GitRequestTally: Sendable, Equatable {
    /// The kinds of smart-HTTP request a client makes.
    public enum Kind: String, Sendable, CaseIterable {
        /// `GET …/info/refs?service=git-upload-pack`: a fetch's or clone's reference advertisement.
        case fetchAdvertisement = "info_refs_upload"
        /// `POST …/git-upload-pack`: a fetch's negotiation and pack.
        case uploadPack = "upload_pack"
        /// `GET …/info/refs?service=git-receive-pack`: a push's reference advertisement.
        case pushAdvertisement = "info_refs_receive"
        /// `POST …/git-receive-pack`: a push's pack and reference updates.
        case receivePack = "receive_pack"
        /// A request answered `401` for want of credentials.
        case challenge
        /// Anything else.
        case other
    }

    /// The figures of one kind.
    public struct Figures: Sendable, Equatable {
        /// Requests answered.
        public var requests = 0
        /// CPU seconds (user + system) of the `git http-backend` children that answered them.
        public var cpuSeconds = 0.0
        /// Response body bytes sent.
        public var bytesSent = 0
    }

    /// The figures by kind; a kind never seen is absent.
    public var byKind: [Kind: Figures] = [:]

    /// The figures of `kind` (zeros when never seen).
    public subscript(kind: Kind) -> Figures { byKind[kind] ?? Figures() }

    /// Every request answered.
    public var requests: Int { byKind.values.reduce(0) { $0 + $1.requests } }

    /// The CPU seconds of every `git http-backend` child.
    public var cpuSeconds: Double { byKind.values.reduce(0) { $0 + $1.cpuSeconds } }

    /// What happened since `earlier` (a tally taken before).
    public func since(_ earlier: GitRequestTally) -> GitRequestTally {
        var difference = GitRequestTally()
        for (kind, figures) in byKind {
            let before = earlier[kind]
            difference.byKind[kind] = Figures(
                requests: figures.requests - before.requests, cpuSeconds: figures.cpuSeconds - before.cpuSeconds,
                bytesSent: figures.bytesSent - before.bytesSent)
        }
        return difference
    }

    /// The kind of a request by its method, path and `service` query parameter.
    static func kind(method: String, path: String, query: String) -> Kind {
        if method == "GET", path.hasSuffix("/info/refs") {
            if query.contains("service=git-upload-pack") { return .fetchAdvertisement }
            if query.contains("service=git-receive-pack") { return .pushAdvertisement }
        }
        if method == "POST", path.hasSuffix("/git-upload-pack") { return .uploadPack }
        if method == "POST", path.hasSuffix("/git-receive-pack") { return .receivePack }
        return .other
    }
}

/// The tally shared between the server's handler and its owner.
final class RequestCounter: Sendable {
    private let tally = Mutex(GitRequestTally())

    /// Adds one answered request.
    func record(_ kind: GitRequestTally.Kind, cpuSeconds: Double = 0, bytesSent: Int = 0) {
        tally.withLock {
            var figures = $0[kind]
            figures.requests += 1
            figures.cpuSeconds += cpuSeconds
            figures.bytesSent += bytesSent
            $0.byKind[kind] = figures
        }
    }

    var value: GitRequestTally { tally.withLock { $0 } }
}
