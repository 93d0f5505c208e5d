import Execution
import Foundation

/// When the forge says a label event happened.
///
/// Neither forge puts a time on the `labeled` / `label_updated` action itself; adding a label updates the issue
/// (or pull request), so its `updated_at` in the payload is the time of the change (GitHub
/// `"2019-05-15T15:20:18Z"`, Gitea `"2024-01-10T10:05:00+01:00"`).
enum EventTime {
    /// `updated_at` of the payload's `issue`, else of its `pull_request`; nil when neither carries one.
    static func of(payload: Data) -> Date? {
        guard let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        for key in ["issue", "pull_request"] {
            if let text = (object[key] as? [String: Any])?["updated_at"] as? String,
                let date = JobEvent.parseTime(text)
            {
                return date
            }
        }
        return nil
    }
}
