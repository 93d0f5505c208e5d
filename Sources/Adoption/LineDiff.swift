/// A unified diff of two texts by line, for `conveyor init --dry-run`.
enum LineDiff {
    /// `--- a/path` / `+++ b/path` and hunks with up to `context` unchanged lines around each change; empty when the
    /// texts are equal. A missing file is diffed as empty text.
    static func unified(from old: String, to new: String, path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let before = lines(old)
        let after = lines(new)
        let difference = after.difference(from: before)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides in step: (kind, text, old line, new line).
        var rows: [(Character, String, Int, Int)] = []
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                rows.append(("-", before[i], i, j))
                i += 1
            } else if j < after.count, inserted.contains(j) {
                rows.append(("+", after[j], i, j))
                j += 1
            } else {
                rows.append((" ", i < before.count ? before[i] : "", i, j))
                i += 1
                j += 1
            }
        }
        var output = ["--- a/\(path)", "+++ b/\(path)"]
        var index = 0
        while index < rows.count {
            guard rows[index].0 != " " else {
                index += 1
                continue
            }
            let start = max(0, index - context)
            var end = index
            var quiet = 0
            while end < rows.count, quiet <= context * 2 {
                quiet = rows[end].0 == " " ? quiet + 1 : 0
                end += 1
            }
            end = min(rows.count, end - max(0, quiet - context))
            let hunk = rows[start..<end]
            guard let first = hunk.first else { break }
            let oldCount = hunk.filter { $0.0 != "+" }.count
            let newCount = hunk.filter { $0.0 != "-" }.count
            let oldStart = oldCount == 0 ? first.2 : first.2 + 1
            let newStart = newCount == 0 ? first.3 : first.3 + 1
            output.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
            output += hunk.map { "\($0.0)\($0.1)" }
            index = end
        }
        return output.joined(separator: "\n") + "\n"
    }

    private static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { result.removeLast() }
        return result
    }
}
