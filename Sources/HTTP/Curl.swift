internal import CCurl

/// Facts about the libcurl this binary is linked against, for `conveyor doctor` and bug reports.
public enum Curl {
    /// The libcurl version, e.g. `7.88.1`.
    public static var version: String {
        guard let info = versionInfo, let version = info.pointee.version else { return "unknown" }
        return String(cString: version)
    }

    /// The TLS library libcurl was built with, e.g. `OpenSSL/3.0.11`; empty when libcurl has no TLS.
    public static var sslBackend: String {
        guard let info = versionInfo, let ssl = info.pointee.ssl_version else { return "" }
        return String(cString: ssl)
    }

    /// The URL schemes libcurl can speak, e.g. `["http", "https", …]`.
    public static var protocols: [String] {
        guard let info = versionInfo, var cursor = info.pointee.protocols else { return [] }
        var names: [String] = []
        while let name = cursor.pointee {
            names.append(String(cString: name))
            cursor += 1
        }
        return names
    }

    private static var versionInfo: UnsafeMutablePointer<curl_version_info_data>? {
        CurlGlobal.ensureInitialized()
        return curl_version_info(CURLVERSION_TENTH)
    }
}

/// Runs `curl_global_init` exactly once per process.
///
/// Swift initialises a static stored property lazily and thread-safely on first use, which is the
/// once-only guarantee `curl_global_init` needs. Every owner of a curl handle calls
/// ``ensureInitialized()`` before creating one.
enum CurlGlobal {
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// Makes sure libcurl's global state is set up; cheap after the first call.
    static func ensureInitialized() {
        _ = initialized
    }
}
