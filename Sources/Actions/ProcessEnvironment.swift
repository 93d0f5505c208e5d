import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Conveyor's own environment, with the job's credentials held in memory only.
///
/// ``seal()`` runs first thing in `main`, before any thread or child exists. It copies the whole environment into
/// memory, then takes every credential (``ChildEnvironment/isCredential(name:value:)``: `GITHUB_TOKEN`,
/// `ACTIONS_RUNTIME_TOKEN`, `ANTHROPIC_API_KEY`, …) out of the process's environment with `unsetenv` and overwrites
/// the bytes of the original `NAME=value` strings with zeros. That block is what `/proc/<pid>/environ` shows, and
/// `unsetenv` alone leaves it intact; after sealing, a child that reads its parent's environ finds no value.
///
/// Conveyor reads its settings from ``variables`` (the in-memory copy, credentials included) and starts every
/// child with an explicit environment built by ``ChildEnvironment``, never by inheritance.
public enum ProcessEnvironment {
    private struct Sealed: Sendable, CustomReflectable {
        /// The names of the credentials taken out, sorted.
        let withheld: [String]
        /// Everything, credentials included: merged once when sealing, since the copy never changes afterwards.
        let variables: [String: String]

        /// `plain` (everything but the credentials) and `credentials`, whose values are revealed only into
        /// ``variables``.
        init(plain: [String: String], credentials: [String: Secret]) {
            withheld = credentials.keys.sorted()
            variables = plain.merging(credentials.mapValues { $0.reveal() }) { $1 }
        }

        /// Only the names: a dump of this value never shows a credential.
        var customMirror: Mirror { Mirror(self, children: ["withheld": withheld]) }
    }

    private static let sealed = Mutex<Sealed?>(nil)

    /// The variables Conveyor started with, credentials included; the live environment before ``seal()``.
    public static var variables: [String: String] {
        sealed.withLock { $0?.variables } ?? ProcessInfo.processInfo.environment
    }

    /// The names ``seal()`` took out of the process's environment (sorted); empty before it ran.
    public static var withheld: [String] {
        sealed.withLock { $0?.withheld } ?? []
    }

    /// Copies the environment into memory and removes the credentials from the process's own; runs once.
    ///
    /// - Returns: the names removed (sorted), never their values.
    @discardableResult
    public static func seal() -> [String] {
        sealed.withLock { state in
            if let state { return state.withheld }
            var plain: [String: String] = [:]
            var credentials: [String: Secret] = [:]
            var doomed: [(name: String, entry: UnsafeMutablePointer<CChar>)] = []
            var index = 0
            while let entry = environ[index] {
                index += 1
                let text = String(cString: entry)
                guard let equals = text.firstIndex(of: "=") else { continue }
                let name = String(text[..<equals])
                let value = String(text[text.index(after: equals)...])
                // A proxy URL may carry a password, yet libcurl needs it in the environment; children never get it.
                if ChildEnvironment.isCredential(name: name, value: value) && !name.lowercased().hasSuffix("_proxy") {
                    credentials[name] = Secret(value)
                    doomed.append((name, entry))
                } else {
                    plain[name] = value
                }
            }
            for (name, entry) in doomed {
                let length = strlen(entry)
                unsetenv(name)
                // The entry is no longer in `environ`; wipe the bytes /proc/<pid>/environ would still show.
                memset(entry, 0, length)
            }
            let sealed = Sealed(plain: plain, credentials: credentials)
            state = sealed
            return sealed.withheld
        }
    }

    /// The ids of this process's ancestors whose environment (as `/proc/<pid>/environ` shows it) holds one of
    /// `secrets`, nearest first; empty where `/proc` is missing.
    ///
    /// A child of Conveyor can read those as well as Conveyor's own: a workflow step that runs `conveyor` from a
    /// shell with the token in `env:` leaves it in the shell. `exec conveyor …` replaces the shell instead.
    public static func ancestorsHolding(_ secrets: [Secret]) -> [Int32] {
        let values = secrets.map { Data($0.reveal().utf8) }.filter { !$0.isEmpty }
        guard !values.isEmpty else { return [] }
        var found: [Int32] = []
        var pid = getppid()
        var seen: Set<Int32> = []
        while pid > 1, seen.insert(pid).inserted {
            if let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                values.contains(where: { environ.range(of: $0) != nil })
            {
                found.append(pid)
            }
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { break }
            // `pid (comm) state ppid …`: the command name may hold spaces, so split after its closing bracket.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { break }
            pid = parent
        }
        return found
    }
}
