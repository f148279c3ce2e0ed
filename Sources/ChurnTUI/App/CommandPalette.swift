import ChurnKit

/// The `:` command palette: a line of text that completes command names and their arguments with
/// Tab, and runs on Enter (`:tab high-risk`, `:sort risk`, `:threshold 0.6`, `:quit`).
public struct CommandPalette: Sendable, Equatable {
    /// One command: its name, what its argument looks like, and the arguments it completes.
    public struct Command: Sendable, Equatable {
        public var name: String
        public var argument: String?
        public var help: String
        public var choices: [String]
    }

    /// What typing a key into the palette did.
    enum Outcome: Equatable {
        case editing
        case cancelled
        case run(String)
    }

    /// The text typed after the `:`.
    public var text = ""

    public init(text: String = "") { self.text = text }

    /// The commands that make sense in a state (e.g. `sort` only when there is a table).
    public static func commands(for state: AppState) -> [Command] {
        var list = [Command(name: "tab", argument: "name", help: "show a tab", choices: state.tabs.map(\.commandName))]
        if let highRisk = state.highRisk {
            list.append(Command(name: "sort", argument: "column",
                                help: "sort the High-risk table (again: reverse)", choices: highRisk.columns.map(\.rawValue)))
            list.append(Command(name: "tier", argument: "filter", help: "show only some tiers in the High-risk table",
                                choices: TierFilter.allCases.map(\.rawValue)))
            list.append(Command(name: "search", argument: "text", help: "find a customer id in the High-risk table", choices: []))
        }
        if state.data != nil {
            list.append(Command(name: "customer", argument: "id", help: "open a customer on the Customer tab", choices: []))
            list.append(Command(name: "threshold", argument: "0-1", help: "set the churn threshold", choices: []))
            list.append(Command(name: "train", argument: nil, help: "train again on this data in the background", choices: []))
        }
        list.append(Command(name: "help", argument: nil, help: "show the keys of this tab", choices: []))
        list.append(Command(name: "quit", argument: nil, help: "leave churn", choices: []))
        return list
    }

    /// Applies a key: text edits, Tab completes, Enter runs, Esc cancels.
    mutating func edit(_ key: Key, commands: [Command]) -> Outcome {
        switch key {
        case .escape, .ctrl("c"), .ctrl("g"): return .cancelled
        case .enter: return .run(text)
        case .tab: text = Self.complete(text, commands: commands)
        case .backspace, .delete:
            if text.isEmpty { return .cancelled }
            text.removeLast()
        case .ctrl("u"): text = ""
        case .char(let c): text.append(c)
        default: break
        }
        return .editing
    }

    /// What the word being typed could become: command names, or the command's arguments.
    public static func candidates(_ text: String, commands: [Command]) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 {
            let prefix = words.first ?? ""
            return commands.map(\.name).filter { $0.hasPrefix(prefix.lowercased()) }
        }
        guard let command = commands.first(where: { $0.name == words[0].lowercased() }) else { return [] }
        let prefix = words[1...].joined(separator: " ").lowercased()
        return command.choices.filter { $0.hasPrefix(prefix) }
    }

    /// The text with the word being typed completed as far as the candidates agree (and a space
    /// after a complete command name).
    public static func complete(_ text: String, commands: [Command]) -> String {
        let options = candidates(text, commands: commands)
        guard let first = options.first else { return text }
        var common = first
        for option in options.dropFirst() {
            while !option.hasPrefix(common) { common.removeLast() }
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 {
            let done = options.count == 1 && commands.first(where: { $0.name == common })?.argument != nil
            return common + (done ? " " : "")
        }
        return words[0] + " " + common
    }

    /// The actions a command line stands for, or a message saying what is wrong with it.
    ///
    /// A command name may be shortened to any unique prefix (`:q`, `:th 0.6`).
    public static func parse(_ text: String, commands: [Command]) -> Result<[Action], PaletteError> {
        let words = text.split(separator: " ").map(String.init)
        guard let word = words.first?.lowercased() else { return .success([]) }
        let names = commands.map(\.name)
        let matches = names.contains(word) ? [word] : names.filter { $0.hasPrefix(word) }
        guard matches.count == 1, let name = matches.first,
              let command = commands.first(where: { $0.name == name }) else {
            if matches.count > 1 {
                return .failure(PaletteError(message: "\"\(word)\" could be \(matches.joined(separator: ", "))"))
            }
            let hint = Suggestion.closest(to: word, in: names).map { " (did you mean \($0)?)" } ?? ""
            return .failure(PaletteError(message: "unknown command \"\(word)\"\(hint); Tab completes"))
        }
        let argument = words.dropFirst().joined(separator: " ")
        if command.argument != nil, argument.isEmpty {
            let choices = command.choices.isEmpty ? "" : ": " + command.choices.joined(separator: ", ")
            return .failure(PaletteError(message: "\(name) needs a \(command.argument ?? "value")\(choices)"))
        }
        func choice() -> Result<String, PaletteError> {
            let lower = argument.lowercased()
            if command.choices.contains(lower) { return .success(lower) }
            let prefixed = command.choices.filter { $0.hasPrefix(lower) }
            if prefixed.count == 1, let only = prefixed.first { return .success(only) }
            let hint = Suggestion.closest(to: lower, in: command.choices).map { " (did you mean \($0)?)" } ?? ""
            return .failure(PaletteError(message: "\(name) \(argument): expected one of \(command.choices.joined(separator: ", "))\(hint)"))
        }
        switch name {
        case "tab":
            return choice().map { [.selectTab(Tab(rawValue: $0) ?? .overview)] }
        case "sort":
            return choice().map { [.selectTab(.highRisk), .sortBy(SortColumn(rawValue: $0) ?? .risk)] }
        case "tier":
            return choice().map { [.selectTab(.highRisk), .tierFilter(TierFilter(rawValue: $0) ?? .all)] }
        case "search":
            return .success([.selectTab(.highRisk), .search(argument)])
        case "threshold":
            guard let value = Double(argument), value >= 0, value <= 1 else {
                return .failure(PaletteError(message: "threshold \(argument): expected a number from 0 to 1, like 0.6"))
            }
            return .success([.setThreshold(value)])
        case "customer":
            return .success([.openCustomer(argument)])
        case "train":
            return .success([.training(.retrain)])
        case "help":
            return .success([.toggleHelp])
        case "quit":
            return .success([.quit])
        default:
            return .failure(PaletteError(message: "unknown command \"\(name)\""))
        }
    }
}

/// Why a palette command cannot run; shown in the status bar.
public struct PaletteError: Error, Equatable, Sendable {
    public var message: String
}
