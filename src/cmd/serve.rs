use anyhow::Result;

use crate::cli::ServeArgs;

pub fn serve(args: &ServeArgs) -> Result<i32> {
    crate::serve::run(args)
}
