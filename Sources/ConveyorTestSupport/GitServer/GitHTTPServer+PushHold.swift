import Foundation
import Synchronization

/// Holds pushes to chosen repositories of a ``GitHTTPServer`` at the moment a client has committed locally and
/// sent its pack, so a test can kill the client between its commit and the remote's update — without any hook in
/// the program under test.
///
/// While a hold is set for a repository, each `POST …/git-receive-pack` to it creates the hold's marker file and
/// waits: when the test removes the marker, the push goes through; when the test writes `drop` into it, the push is
/// answered `503` and never reaches `git http-backend` (what a client killed mid-push leaves behind). A held push
/// gives up waiting after 60 s and is dropped.
public final class PushHolds: Sendable {
    private let markers = Mutex<[String: URL]>([:])
    private let refused = Mutex<Set<String>>([])

    /// Creates an empty set of holds.
    public init() {}

    /// What a held push does once the test has decided.
    enum Decision {
        case proceed
        case drop
    }

    /// Holds every push to `repository` (`NAME`, without `.git`) at `marker` until ``release(_:)``.
    public func hold(_ repository: String, marker: URL) {
        markers.withLock { $0[repository] = marker }
    }

    /// Answers every push to `repository` with `503` until ``release(_:)``: a remote that cannot be pushed to.
    public func refuse(_ repository: String) {
        _ = refused.withLock { $0.insert(repository) }
    }

    /// Ends the hold or refusal on `repository`; pushes already waiting still wait for their marker.
    public func release(_ repository: String) {
        _ = markers.withLock { $0.removeValue(forKey: repository) }
        _ = refused.withLock { $0.remove(repository) }
    }

    /// Waits, for a receive-pack request on `path`, until the test decides; `.proceed` at once for other requests.
    func decide(path: String, method: String) async -> Decision {
        guard method == "POST", path.hasSuffix("/git-receive-pack") else { return .proceed }
        // `/OWNER/NAME.git/git-receive-pack` → `OWNER/NAME`.
        var repository = String(path.dropLast("/git-receive-pack".count).drop { $0 == "/" })
        if repository.hasSuffix(".git") { repository.removeLast(4) }
        if refused.withLock({ $0.contains(repository) }) { return .drop }
        guard let marker = markers.withLock({ $0[repository] }) else { return .proceed }
        _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard let contents = FileManager.default.contents(atPath: marker.path) else { return .proceed }
            if String(decoding: contents, as: UTF8.self).hasPrefix("drop") {
                try? FileManager.default.removeItem(at: marker)
                return .drop
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        try? FileManager.default.removeItem(at: marker)
        return .drop
    }
}
