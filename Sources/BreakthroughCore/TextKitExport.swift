// Every module that reads the domain also shows its text: escaping and display widths come
// with the core, so that no module can show a promise without them.
@_exported import TextKit
