# Shared by the bench scripts (sourced): medians of runs, and ratios taken
# round by round. A virtual machine's speed drifts by a fifth or more over
# minutes, so two figures compare best when taken in the same round.

# The median of the numbers on stdin, one a line, of $runs runs.
median() { sort -g | sed -n "$(((runs + 1) / 2))p"; }

# The median over the rounds of column COL of file A over that of file B,
# both one line a round ("-" when B took no measurable time).
round_ratio() {
    paste -d' ' "$1" "$2" |
        awk -v c="$3" '{ n = NF / 2; if ($(c + n) > 0) print $c / $(c + n); else print "-" }' |
        median | awk '{ if ($1 == "-") print "-"; else printf "%.2f", $1 }'
}
