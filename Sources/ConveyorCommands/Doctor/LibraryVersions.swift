import Git
import HTTP
import Store

/// The C libraries this binary runs on, as they report themselves at run time.
public struct LibraryVersions: Sendable {
    /// libgit2's version, e.g. `1.5.1`.
    public var libgit2: String
    /// Whether libgit2 was built with HTTPS support.
    public var libgit2HTTPS: Bool
    /// libcurl's version, e.g. `7.88.1`.
    public var libcurl: String
    /// libcurl's TLS backend, e.g. `OpenSSL/3.0.17`; empty when libcurl has none.
    public var libcurlTLS: String
    /// The linked SQLite's version, e.g. `3.40.1`.
    public var sqlite: String

    /// Creates a description of the libraries; tests use it to describe broken ones.
    public init(libgit2: String, libgit2HTTPS: Bool, libcurl: String, libcurlTLS: String, sqlite: String) {
        self.libgit2 = libgit2
        self.libgit2HTTPS = libgit2HTTPS
        self.libcurl = libcurl
        self.libcurlTLS = libcurlTLS
        self.sqlite = sqlite
    }

    /// What the libraries linked into this process report.
    public static func linked() -> LibraryVersions {
        LibraryVersions(
            libgit2: LibGit2.version,
            libgit2HTTPS: LibGit2.supportsHTTPS,
            libcurl: Curl.version,
            libcurlTLS: Curl.sslBackend,
            sqlite: SQLiteLibrary.version
        )
    }
}
