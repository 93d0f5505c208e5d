import Foundation

extension LocalForgeDocument {
    /// `login`'s permission, compared without case; ``PermissionLevel/none`` when not listed.
    func permission(of login: String) -> PermissionLevel {
        let name = permissions.first { $0.key.caseInsensitiveCompare(login) == .orderedSame }?.value
        return name.flatMap(PermissionLevel.init(forgeName:)) ?? .none
    }

    /// Gives `login` the permission `level`, replacing any entry for the same login in another case.
    mutating func setPermission(_ level: PermissionLevel, for login: String, at date: Date) throws(LocalForgeFailure) {
        try LocalForgeFailure.require(login, "login")
        for key in permissions.keys where key.caseInsensitiveCompare(login) == .orderedSame {
            permissions[key] = nil
        }
        permissions[login] = level.rawValue
        log("permission.set", "\(login) is \(level.rawValue)", at: date)
    }

    /// Records a workflow dispatch; nothing runs it.
    mutating func addDispatch(
        _ workflow: String, ref: String, inputs: [String: String], by actor: String, at date: Date
    ) throws(LocalForgeFailure) {
        try LocalForgeFailure.require(workflow, "workflow")
        try LocalForgeFailure.require(ref, "ref")
        dispatches.append(DispatchEntry(workflow: workflow, ref: ref, inputs: inputs, actor: actor, at: date))
        log("workflow.dispatched", "\(workflow) on \(ref) by \(actor)", at: date)
    }
}
