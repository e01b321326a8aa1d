fn main() -> std::process::ExitCode {
    tandem_node::cli::main()
}
