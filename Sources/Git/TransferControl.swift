internal import CGit2
import Dispatch
import Foundation
import Synchronization

/// The state shared between one network operation (clone, fetch or push) and libgit2's callbacks.
///
/// Confinement: created for one operation, handed to libgit2 as the unretained callback payload, and read and
/// written only on the owning repository's queue while that operation runs; the caller keeps it alive with
/// `withExtendedLifetime` around the libgit2 call. The one exception is ``cancel()``, which may run on any
/// thread and only touches an atomic, hence `@unchecked Sendable`.
///
/// The deadline and cancellation are checked whenever libgit2 reports progress, which it does continuously
/// while data flows. A server that accepts the connection and then sends nothing at all cannot be interrupted:
/// libgit2 1.5.1 has no socket timeout and calls no callback while it waits.
final class TransferControl: @unchecked Sendable {
    /// Why authentication failed, recorded by the credential callback.
    enum AuthFailure {
        /// The remote asked for credentials and none were given.
        case missing
        /// The remote asked again after we sent the token: it was rejected.
        case rejected
        /// The remote does not accept user name and password.
        case unsupported
        /// The remote redirected to another host (`scheme://host:port`), which asked for credentials: the token is
        /// never sent there.
        case redirected(String)
    }

    let credentials: Credentials
    let remote: String
    private let deadline: DispatchTime
    private let timeout: Duration
    private let cancelled = Atomic<Bool>(false)
    private var credentialRequests = 0
    private(set) var authFailure: AuthFailure?
    private(set) var timedOut = false
    /// References the remote refused during a push, with the reason it gave.
    private(set) var rejectedReferences: [(reference: String, status: String)] = []
    /// Where transfer progress goes, when someone asked for it.
    var progressReporter: TransferProgressReporter?
    private var lastProgressReport = DispatchTime.now()

    /// Creates the state for one operation against `remote` that must finish within `timeout`.
    init(credentials: Credentials, remote: String, timeout: Duration) {
        self.credentials = credentials
        self.remote = remote
        self.timeout = timeout
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        deadline = .now() + seconds
    }

    /// Extra HTTP headers for every request of the operation: the token as basic authentication, sent up front,
    /// so an HTTP remote does not first answer 401 to an anonymous request (one round trip less per transfer; the
    /// credential callback still answers a remote that asks anyway). The header lives only in this process's
    /// memory, never in a configuration file.
    ///
    /// libgit2 1.5 follows a redirect to another host and sends its custom headers there too, with no hook in
    /// between. So the header is sent only to a remote whose own 401 challenge this process has already answered
    /// through the credential callback, which sees the URL actually asked and gives the token only to the remote's
    /// own host (``VerifiedOrigins``): the first transfer to a remote pays one challenge round trip, the later ones
    /// none. Empty without a token, for a non-HTTP remote, and before that first challenge.
    var preemptiveHeaders: [String] {
        guard case .userPassword(let username, let password) = credentials.kind,
            let origin = Self.origin(of: remote), VerifiedOrigins.shared.contains(origin)
        else { return [] }
        return ["Authorization: Basic \(Data("\(username):\(password)".utf8).base64EncodedString())"]
    }

    /// `scheme://host:port` of an `http` or `https` URL, in lower case with the scheme's default port filled in;
    /// nil for anything else (a named remote, `ssh`, a path).
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        return "\(scheme)://\(host):\(components.port ?? (scheme == "https" ? 443 : 80))"
    }

    /// Asks the running operation to stop at libgit2's next callback. Safe from any thread.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Fills `callbacks` with Conveyor's callbacks and this object as their payload.
    func install(into callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, _, allowedTypes, payload in
            guard let out, let payload else { return GIT_ERROR.rawValue }
            return TransferControl.from(payload).acquireCredential(
                out, url: url.map { String(cString: $0) }, allowedTypes: allowedTypes)
        }
        callbacks.transfer_progress = { stats, payload in
            guard let payload else { return 0 }
            let control = TransferControl.from(payload)
            if let stats { control.reportProgress(stats.pointee) }
            return control.progressVerdict()
        }
        callbacks.sideband_progress = { _, _, payload in
            guard let payload else { return 0 }
            return TransferControl.from(payload).progressVerdict()
        }
        callbacks.push_transfer_progress = { _, _, _, payload in
            guard let payload else { return 0 }
            return TransferControl.from(payload).progressVerdict()
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let reference, let status else { return 0 }
            TransferControl.from(payload).recordRejection(String(cString: reference), String(cString: status))
            return 0
        }
    }

    /// Replaces a libgit2 failure caused by one of our callbacks with a clear ``GitError``.
    func explain(_ error: GitError) -> GitError {
        let code: GitError.Code
        let message: String
        if let authFailure {
            code = .auth
            message = GitMessages.authentication(authFailure, remote: remote, credentials: credentials)
        } else if timedOut {
            code = .timedOut
            message = GitMessages.timedOut(remote: remote, after: timeout)
        } else if cancelled.load(ordering: .relaxed) {
            code = .cancelled
            message = GitMessages.cancelled(remote: remote)
        } else {
            return GitError(
                klass: error.klass, code: error.code, message: error.message, operation: error.operation,
                redacting: credentials.secrets)
        }
        return GitError(
            klass: error.klass == .none ? .callback : error.klass, code: code, message: message,
            operation: error.operation, redacting: credentials.secrets)
    }

    private static func from(_ payload: UnsafeMutableRawPointer) -> TransferControl {
        Unmanaged<TransferControl>.fromOpaque(payload).takeUnretainedValue()
    }

    /// Hands libgit2 the token once; any later request means the remote rejected it, so fail instead of looping.
    /// The token goes only to the remote's own host: `url` is the address that asked, which differs from
    /// ``remote`` after a redirect to another host, and then nothing is sent. An answered challenge from the
    /// remote's own host marks it for ``preemptiveHeaders``.
    private func acquireCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, url: String?, allowedTypes: UInt32
    ) -> Int32 {
        credentialRequests += 1
        guard case .userPassword(let username, let password) = credentials.kind else {
            return refuse(.missing)
        }
        let expected = Self.origin(of: remote)
        let asking = url.flatMap(Self.origin(of:))
        if let expected, asking != expected { return refuse(.redirected(asking ?? url ?? "an unknown address")) }
        guard credentialRequests == 1 else { return refuse(.rejected) }
        guard allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return refuse(.unsupported) }
        if let expected { VerifiedOrigins.shared.insert(expected) }
        return git_credential_userpass_plaintext_new(out, username, password)
    }

    private func refuse(_ failure: AuthFailure) -> Int32 {
        authFailure = failure
        git_error_set_str(Int32(GIT_ERROR_HTTP.rawValue), "authentication failed")
        return GIT_EAUTH.rawValue
    }

    /// 0 to let libgit2 go on, `GIT_EUSER` once the task was cancelled or the deadline passed.
    private func progressVerdict() -> Int32 {
        if cancelled.load(ordering: .relaxed) { return GIT_EUSER.rawValue }
        if DispatchTime.now() > deadline {
            timedOut = true
            return GIT_EUSER.rawValue
        }
        return 0
    }

    /// Hands the figures to the reporter, at most once per its interval.
    private func reportProgress(_ stats: git_indexer_progress) {
        guard let progressReporter else { return }
        let interval = progressReporter.interval.components
        let nanoseconds = UInt64(interval.seconds) * 1_000_000_000 + UInt64(interval.attoseconds / 1_000_000_000)
        let now = DispatchTime.now()
        guard now.uptimeNanoseconds >= lastProgressReport.uptimeNanoseconds + nanoseconds else { return }
        lastProgressReport = now
        progressReporter.report(
            TransferProgress(
                receivedObjects: Int(stats.received_objects), totalObjects: Int(stats.total_objects),
                receivedBytes: Int(stats.received_bytes)))
    }

    private func recordRejection(_ reference: String, _ status: String) {
        rejectedReferences.append((reference, status))
    }
}

/// The HTTP origins (`scheme://host:port`) whose own 401 challenge this process answered with the token: only
/// these get it up front (``TransferControl/preemptiveHeaders``).
final class VerifiedOrigins: Sendable {
    static let shared = VerifiedOrigins()
    private let origins = Mutex<Set<String>>([])

    func contains(_ origin: String) -> Bool { origins.withLock { $0.contains(origin) } }

    func insert(_ origin: String) { _ = origins.withLock { $0.insert(origin) } }
}
