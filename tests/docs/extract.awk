# Extract the example commands of a Markdown file or a man page into DIR/NNN.cmd (the command),
# DIR/NNN.where (file:line) and, for ```console blocks, DIR/NNN.out (the output shown).
# Markdown: ```sh / ```console code blocks ("$ " lines in console blocks); other blocks (text,
# json, c, untagged synopses) are not commands. Man pages: the .nf/.fi lines of EXAMPLES.
# A line "<!-- examples: skip REASON -->" (Markdown) or '.\" examples: skip REASON' (man) before
# a block skips it with the reason. Variables: dir, start (the first number to use).
function flush_out() { if (outfile != "") close(outfile); outfile = "" }
function emit(cmd, line,    f) {
    n++
    f = sprintf("%s/%03d", dir, n)
    print cmd > (f ".cmd"); close(f ".cmd")
    print FILENAME ":" line > (f ".where"); close(f ".where")
    if (skip != "") { print skip > (f ".skip"); close(f ".skip") }
    return f
}
function unman(s) {
    gsub(/\\-/, "-", s); gsub(/\\\(aq/, "'", s); gsub(/\\\(dq/, "\"", s); gsub(/\\f[BIRP]/, "", s)
    gsub(/\\e/, "\\", s); gsub(/\\&/, "", s)
    return s
}
BEGIN { n = start; inb = 0; skip = ""; pending = ""; man = 0; inex = 0; nf = 0; outfile = "" }
FNR == 1 { man = (FILENAME ~ /\.[1-9]$/) }
# ---- man pages
man && /^\.SH/ { inex = ($0 ~ /^\.SH "?EXAMPLES"?/); next }
man && /^\.\\" examples: skip/ { pending = $0; sub(/^\.\\" examples: skip */, "", pending); next }
man && inex && /^\.nf/ { nf = 1; skip = pending; pending = ""; next }
man && inex && /^\.fi/ { nf = 0; skip = ""; next }
man && inex && nf && !/^\./ && !/^[[:space:]]*$/ { emit(unman($0), FNR); next }
man { next }
# ---- Markdown
/^<!-- examples: skip/ { pending = $0; sub(/^<!-- examples: skip */, "", pending); sub(/ *-->.*$/, "", pending); next }
/^```/ {
    if (!inb) { inb = 1; lang = substr($0, 4); skip = pending; pending = ""; cont = ""; flush_out() }
    else { inb = 0; skip = ""; flush_out() }
    next
}
!inb { if ($0 !~ /^[[:space:]]*$/) pending = ""; next }
lang == "sh" || lang == "shell" || lang == "bash" {
    line = $0
    if (cont != "") { line = cont " " line }
    if (line ~ /\\$/) { sub(/\\$/, "", line); cont = line; if (cstart == 0) cstart = FNR; next }
    first = (cont != "") ? cstart : FNR
    cont = ""; cstart = 0
    if (line ~ /^[[:space:]]*(#|$)/) next
    emit(line, first)
    next
}
lang == "console" {
    if ($0 ~ /^\$ /) { flush_out(); f = emit(substr($0, 3), FNR); outfile = f ".out"; printf "" > outfile; next }
    if (outfile != "") print $0 > outfile
    next
}
END { flush_out(); print n > (dir "/count") }
