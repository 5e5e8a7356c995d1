#!/bin/sh
# Writes the help2man include file of sdsprofile(1): a COMMANDS section with each command's
# --help as preformatted text, and SEE ALSO. Usage: man_commands.sh CLI OUTPUT
set -eu
cli=$1
out=$2
{
  echo '[COMMANDS]'
  # The commands as --help lists them under "Subcommands:", so a new command needs no edit here.
  commands=$("$cli" --help | sed -n '/^Subcommands:$/,$s/^  \([a-z][a-z-]*\)  .*/\1/p')
  [ -n "$commands" ] || { echo "man_commands.sh: no commands in $cli --help" >&2; exit 1; }
  for command in $commands; do
    echo ".SS \"sdsprofile $command\""
    echo '.nf'
    # roff: a backslash is written \e; a line may not start with '.' or "'".
    "$cli" "$command" --help | sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/'
    echo '.fi'
  done
  echo '[SEE ALSO]'
  echo 'The full documentation, with every rule and diagnostic code:'
  echo '.UR https://github.com/sdsprofile/sdsprofile'
  echo '.UE .'
  printf '%s\n' '\fBsdsprofile explain\fR \fICODE\fR prints what a diagnostic code means.'
} > "$out.new"
mv -f "$out.new" "$out"
