#!/bin/sh
# Writes the help2man include file of sdsprofile(1): a COMMANDS section with each command's
# --help as preformatted text, and SEE ALSO. Usage: man_commands.sh CLI OUTPUT
set -eu
cli=$1
out=$2
{
  echo '[COMMANDS]'
  for command in check fix expand config explain codes schema; do
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
