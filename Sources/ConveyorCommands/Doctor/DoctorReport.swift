import Actions

/// Everything `conveyor doctor` found, in a fixed order.
public struct DoctorReport: Codable, Equatable, Sendable {
    /// True when no check failed (warnings allowed).
    public let ok: Bool
    /// The findings, libraries first, then the forge settings.
    public let checks: [DoctorCheck]

    /// Creates a report from findings.
    public init(checks: [DoctorCheck]) {
        self.checks = checks
        self.ok = !checks.contains { $0.status == .failure }
    }

    /// Checks the libraries and the Actions environment. Pure: no network, no file access.
    public static func make(libraries: LibraryVersions, environment: ActionsEnvironment) -> DoctorReport {
        DoctorReport(checks: libraryChecks(libraries) + forgeChecks(environment))
    }

    static func libraryChecks(_ libraries: LibraryVersions) -> [DoctorCheck] {
        [
            libraries.libgit2HTTPS
                ? DoctorCheck(name: "libgit2", status: .ok, value: "\(libraries.libgit2), HTTPS compiled in")
                : DoctorCheck(
                    name: "libgit2", status: .failure, value: "\(libraries.libgit2), no HTTPS",
                    fix:
                        "Install a libgit2 built with HTTPS (Debian: `apt-get install libgit2-1.5`) so clones over https:// work."
                ),
            libraries.libcurlTLS.isEmpty
                ? DoctorCheck(
                    name: "libcurl", status: .failure, value: "\(libraries.libcurl), no TLS backend",
                    fix:
                        "Install a libcurl with TLS (Debian: `apt-get install libcurl4`) so API calls over https:// work."
                )
                : DoctorCheck(name: "libcurl", status: .ok, value: "\(libraries.libcurl), TLS \(libraries.libcurlTLS)"),
            DoctorCheck(name: "sqlite", status: .ok, value: libraries.sqlite),
        ]
    }
}
