import Actions
import ConveyorTestSupport
import Forge
import Foundation
import Synchronization
import Testing

/// A clock that starts at 2025-01-01T00:00:00Z and moves one second each time it is read, so every
/// change gets a distinct, repeatable time.
final class SteppingClock: Sendable {
    private let ticks = Mutex(0)
    private let start = Date(timeIntervalSince1970: 1_735_689_600)

    /// The next time.
    func now() -> Date {
        let tick = ticks.withLock { ticks in
            ticks += 1
            return ticks
        }
        return start.addingTimeInterval(TimeInterval(tick))
    }
}

extension RepositorySlug {
    /// The repository every local forge test uses.
    static var localTest: RepositorySlug {
        get throws { try RepositorySlug(parsing: "octo-org/hello") }
    }
}

/// Creates a local forge (owner `alice`, stepping clock) in a fresh scratch folder, runs `body` with
/// it and removes the folder afterwards.
func withLocalForge(
    kind: ForgeKind = .github, webBaseURL: URL? = nil, _ body: (LocalForge) async throws -> Void
) async throws {
    let scratch = try TemporaryDirectory(prefix: "local-forge")
    defer { scratch.remove() }
    let clock = SteppingClock()
    let forge = try await LocalForge.create(
        at: scratch.appending("forge.json"), repository: .localTest, webBaseURL: webBaseURL, owner: "alice",
        kind: kind, clock: { clock.now() })
    try await body(forge)
}

extension LocalForge {
    /// The forge file's text.
    func fileText() throws -> String {
        try String(contentsOf: file, encoding: .utf8)
    }
}

/// The ``ForgeError`` `operation` threw, or nil when it succeeded; records a test issue when it threw
/// anything else.
func failure<T>(of operation: () async throws -> T) async -> ForgeError? {
    do {
        _ = try await operation()
        return nil
    } catch let error as ForgeError {
        return error
    } catch {
        Testing.Issue.record("Expected a ForgeError, got \(error)")
        return nil
    }
}
