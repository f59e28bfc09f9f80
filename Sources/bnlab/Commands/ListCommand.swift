import ArgumentParser
import BNLab

/// `bnlab list`: the experiment catalog.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the experiments of the catalog, with their variants.",
        discussion: "A broken experiment file is listed as invalid with its error; the others are still listed."
    )

    @OptionGroup var folders: FolderOptions

    func run() throws {
        let catalog = try folders.catalog()
        let width = min(catalog.experiments.map(\.id.count).max() ?? 10, 24)
        // every text below comes from a file: control characters are removed before printing
        let safe = { (text: String) in TerminalSafe.strip(text) }
        for spec in catalog.experiments {
            print("\(safe(spec.id).padding(toLength: width, withPad: " ", startingAt: 0))  \(safe(spec.title))")
            print("\(String(repeating: " ", count: width))  \(safe(spec.summary))")
            print("\(String(repeating: " ", count: width))  variants: \(safe(spec.variants.map(\.name).joined(separator: ", ")))")
        }
        for bad in catalog.invalid {
            print("invalid  \(safe("\(bad.error)"))")
        }
        if catalog.experiments.isEmpty && catalog.invalid.isEmpty {
            print("no experiments in \(folders.experimentsFolder.path)")
        }
    }
}
