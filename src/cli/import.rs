//! `helpcentre import`: prints the report on stdout; exits 1 when any
//! input could not be imported.

use super::args::ImportArgs;
use super::Failure;

pub fn import(args: &ImportArgs) -> Result<i32, Failure> {
    let run = helpcentre::import::run(&helpcentre::import::ImportArgs {
        paths: args.paths.clone(),
        provider: args.provider.clone(),
        product: args.product.clone(),
        out: args.out.clone(),
        root: args.root.clone(),
        format: args.format.into(),
        dry_run: args.dry_run,
        force: args.force,
    })?;
    for diagnostic in &run.config_diagnostics {
        eprintln!("{diagnostic}\n");
    }
    print!("{}", run.report.render(run.dry_run));
    Ok(if run.report.failures() > 0 { 1 } else { 0 })
}
