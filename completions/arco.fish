function __arco_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __arco_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __arco_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __arco_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __arco_parse_tokens -S
    set -l unparsed_tokens (__arco_tokens -pc)
    switch $unparsed_tokens[1]
    case 'arco'
        __arco_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __arco_parse_subcommand 1 'json' 'version' 'h/help'
        case 'validate'
            __arco_parse_subcommand 0 'workspace=' 'json' 'version' 'h/help'
        case 'run'
            __arco_parse_subcommand -r 1 'partition=' 'partition-range=' 'run-key=' 'tag=+' 'max-concurrent-steps=' 'failure-lines=' 'detach' 'wait' 'workspace=' 'json' 'version' 'h/help'
        case 'status'
            __arco_parse_subcommand 1 'limit=' 'status=+' 'watch' 'workspace=' 'json' 'version' 'h/help'
        case 'logs'
            __arco_parse_subcommand 1 'step=' 'attempt=' 'follow' 'workspace=' 'json' 'version' 'h/help'
        case 'cancel'
            __arco_parse_subcommand 1 'workspace=' 'json' 'version' 'h/help'
        case 'rerun'
            __arco_parse_subcommand 1 'from-failure' 'steps=' 'run-key=' 'tag=+' 'max-concurrent-steps=' 'failure-lines=' 'detach' 'wait' 'workspace=' 'json' 'version' 'h/help'
        case 'worker'
            __arco_parse_subcommand 0 'once' 'max-concurrent-runs=' 'max-concurrent-steps=' 'run=' 'workspace=' 'version' 'h/help'
        case 'asset'
            __arco_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __arco_parse_subcommand 0 'workspace=' 'json' 'version' 'h/help'
            case 'show'
                __arco_parse_subcommand 1 'now=' 'workspace=' 'json' 'version' 'h/help'
            case 'report'
                __arco_parse_subcommand 1 'partition=' 'data-version=' 'report-key=' 'workspace=' 'json' 'version' 'h/help'
            end
        case 'backfill'
            __arco_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __arco_parse_subcommand 0 'select=' 'partitions=' 'from=' 'to=' 'filter=' 'all' 'only=' 'idempotency-key=' 'chunk-size=' 'max-concurrent-runs=' 'detach' 'dry-run' 'workspace=' 'json' 'version' 'h/help'
            case 'list'
                __arco_parse_subcommand 0 'status=+' 'limit=' 'workspace=' 'json' 'version' 'h/help'
            case 'status'
                __arco_parse_subcommand 1 'partitions' 'workspace=' 'json' 'version' 'h/help'
            case 'pause'
                __arco_parse_subcommand 1 'workspace=' 'json' 'version' 'h/help'
            case 'resume'
                __arco_parse_subcommand 1 'detach' 'workspace=' 'json' 'version' 'h/help'
            case 'cancel'
                __arco_parse_subcommand 1 'terminate' 'workspace=' 'json' 'version' 'h/help'
            case 'retry-failed'
                __arco_parse_subcommand 1 'idempotency-key=' 'detach' 'workspace=' 'json' 'version' 'h/help'
            end
        case 'staleness'
            __arco_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'report'
                __arco_parse_subcommand 0 'select=' 'reason=+' 'limit=' 'after=' 'include-fresh' 'check' 'now=' 'workspace=' 'json' 'version' 'h/help'
            case 'explain'
                __arco_parse_subcommand 1 'partition=' 'now=' 'workspace=' 'json' 'version' 'h/help'
            end
        case 'reconcile'
            __arco_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'plan'
                __arco_parse_subcommand 0 'select=' 'now=' 'workspace=' 'json' 'version' 'h/help'
            case 'run'
                __arco_parse_subcommand 0 'select=' 'dry-run' 'max-runs=' 'detach' 'workspace=' 'json' 'version' 'h/help'
            case 'tick'
                __arco_parse_subcommand 0 'dry-run' 'max-runs=' 'now=' 'workspace=' 'json' 'version' 'h/help'
            end
        case 'partitions'
            __arco_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __arco_parse_subcommand 1 'from=' 'to=' 'limit=' 'now=' 'workspace=' 'json' 'version' 'h/help'
            case 'show'
                __arco_parse_subcommand 2 'now=' 'workspace=' 'json' 'version' 'h/help'
            case 'add'
                __arco_parse_subcommand -r 2 'workspace=' 'json' 'version' 'h/help'
            case 'remove'
                __arco_parse_subcommand -r 2 'workspace=' 'json' 'version' 'h/help'
            end
        case 'events'
            __arco_parse_subcommand 0 'after=' 'type=+' 'run=' 'limit=' 'workspace=' 'json' 'version' 'h/help'
        case 'ledger'
            __arco_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'export'
                __arco_parse_subcommand 0 'after=' 'workspace=' 'version' 'h/help'
            case 'import'
                __arco_parse_subcommand 1 'workspace=' 'json' 'version' 'h/help'
            case 'tip'
                __arco_parse_subcommand 0 'workspace=' 'json' 'version' 'h/help'
            end
        case 'rebuild'
            __arco_parse_subcommand 0 'verify' 'workspace=' 'json' 'version' 'h/help'
        case 'doctor'
            __arco_parse_subcommand 0 'expect-tip=' 'workspace=' 'json' 'version' 'h/help'
        case 'shell'
            __arco_parse_subcommand 0 'workspace=' 'version' 'h/help'
        case 'help'
            __arco_parse_subcommand -r 1 'version'
        end
    end
end

function __arco_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __arco_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __arco_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __arco_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__arco_tokens -p)
    if test -z "$(__arco_tokens -t)"
        set -l index (count (__arco_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'arco' -f
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'init' -d 'Create a workspace: a commented arco.yaml and the .arco/ store.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'validate' -d 'Check arco.yaml and report every problem at once.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'run' -d 'Materialize the selected assets, once, in the foreground (or queued with --detach).'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'status' -d 'List recent runs, or show one run\'s steps.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'logs' -d 'Print the output of a run\'s steps (stdout and stderr together, per attempt).'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'cancel' -d 'Cancel a run: pending steps never start, running ones are stopped (TERM, then KILL).'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'rerun' -d 'Run again the steps of an earlier run that did not succeed, or a chosen subset.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'worker' -d 'Claim queued runs and execute them (what --detach, schedules, sensors and backfills enqueue).'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'asset' -d 'Inspect assets.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'backfill' -d 'Materialize many partitions once each: chunked, resumable, and retried only where they failed.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'staleness' -d 'Say which asset partitions are out of date, why, and since when.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'reconcile' -d 'Plan and run the fewest runs that make stale partitions fresh.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'partitions' -d 'List and show partition keys, and add or remove keys of dynamic definitions.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'events' -d 'List the ledger\'s events in order.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'ledger' -d 'Export the ledger as JSON Lines, import an export into an empty workspace, or print its tip.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'rebuild' -d 'Rebuild the state commands read (runs, partitions, backfills) from the event ledger, and swap it in at once.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'doctor' -d 'Check definitions, the state folder, the database, permissions, the ledger\'s hash chain and the state read from it.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'shell' -d 'An interactive console: type arco commands without the word arco, with history and TAB completion.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco init" -eq 1' -fa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco init" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco init" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco validate" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco validate" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco validate" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" partition' -l 'partition' -d 'Run this partition of the selected partitioned assets.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" partition-range' -l 'partition-range' -d 'Run every partition from FIRST to LAST inclusive.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" run-key' -l 'run-key' -d 'Exactly-once key (one line, at most 512 bytes): a repeat returns the existing run.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run"' -l 'tag' -d 'A run tag (repeatable).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" max-concurrent-steps' -l 'max-concurrent-steps' -d 'Steps running at once within a run (default: the number of cores).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" failure-lines' -l 'failure-lines' -d 'Output lines shown under each failed step (0: none).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" detach' -l 'detach' -d 'Queue the run for a background worker and print its id at once.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" wait' -l 'wait' -d 'With an existing run key, wait for that run to end.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status" limit' -l 'limit' -d 'How many runs to list.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status"' -l 'status' -d 'Only runs with this status (repeatable).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status" watch' -l 'watch' -d 'Redraw every second until the run ends (or until interrupted, for the list).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" step' -l 'step' -d 'Only this step (a step key or an asset name).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" attempt' -l 'attempt' -d 'Only this attempt.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" follow' -l 'follow' -d 'Keep printing new output until the run ends.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco logs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco cancel" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco cancel" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco cancel" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" from-failure' -l 'from-failure' -d 'Re-execute the steps that did not succeed.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" steps' -l 'steps' -d 'Re-execute these steps (comma-separated).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" run-key' -l 'run-key' -d 'Exactly-once key (one line, at most 512 bytes): a repeat returns the existing run.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun"' -l 'tag' -d 'A run tag (repeatable).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" max-concurrent-steps' -l 'max-concurrent-steps' -d 'Steps running at once within a run (default: the number of cores).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" failure-lines' -l 'failure-lines' -d 'Output lines shown under each failed step (0: none).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" detach' -l 'detach' -d 'Queue the run for a background worker and print its id at once.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" wait' -l 'wait' -d 'With an existing run key, wait for that run to end.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rerun" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" once' -l 'once' -d 'Execute what is queued now, then exit.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" max-concurrent-runs' -l 'max-concurrent-runs' -d 'Runs executed at once.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" max-concurrent-steps' -l 'max-concurrent-steps' -d 'Steps running at once within a run (default: the number of cores).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" run' -l 'run' -d 'Only this run.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco worker" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco asset" -eq 1' -fa 'list' -d 'List the declared assets with their group, partitions and dependencies.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco asset" -eq 1' -fa 'show' -d 'Show how many of an asset\'s partitions are materialized, failed, in progress or missing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco asset" -eq 1' -fa 'report' -d 'Record a materialization made outside arco (a runless report).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset list" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset list" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset list" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset show" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset show" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset show" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset show" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" partition' -l 'partition' -d 'The partition materialized.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" data-version' -l 'data-version' -d 'The data version produced.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" report-key' -l 'report-key' -d 'Your idempotency key: a repeat records nothing.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco asset report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'create' -d 'Create a backfill and drive it to the end (or leave it to `arco worker` with --detach).'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'list' -d 'List backfills, newest first.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'status' -d 'Show a backfill: state, counts by partition status, failures with their runs, timing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'pause' -d 'Stop planning new runs; runs in flight finish.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'resume' -d 'Continue a paused backfill (or take over one whose driver is gone) and drive it to the end.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'cancel' -d 'Plan nothing new and cancel queued runs; running ones finish unless --terminate.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco backfill" -eq 1' -fa 'retry-failed' -d 'Create a child backfill of exactly what did not succeed in a FAILED backfill, and drive it.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" select' -l 'select' -d 'The assets, in the selection syntax of `arco run`.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" partitions' -l 'partitions' -d 'These partition keys, comma-separated.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" from' -l 'from' -d 'The first partition of a range (with --to).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" to' -l 'to' -d 'The last partition of a range, included (with --from).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" filter' -l 'filter' -d 'Clauses on partition dimensions, e.g. \'region=us,eu date>=2024-01-01\'.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" all' -l 'all' -d 'Every partition of the selected assets.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" only' -l 'only' -d 'Only partitions missing, failed, or missing-or-failed now.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" idempotency-key' -l 'idempotency-key' -d 'A repeat with this key returns the same backfill.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" chunk-size' -l 'chunk-size' -d 'Partitions planned per chunk (1 to 1000000).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" max-concurrent-runs' -l 'max-concurrent-runs' -d 'Runs of this backfill at once.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" detach' -l 'detach' -d 'Record the backfill and return; `arco worker` drives it.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" dry-run' -l 'dry-run' -d 'Print the resolved partitions and the plan; record nothing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill list"' -l 'status' -d 'Only backfills in this state (repeatable).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill list" limit' -l 'limit' -d 'At most this many.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill list" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill list" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill list" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill status" partitions' -l 'partitions' -d 'Every partition\'s status (as ranges in text).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill status" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill status" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill status" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill pause" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill pause" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill pause" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill pause" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill resume" detach' -l 'detach' -d 'Mark it RUNNING and return; `arco worker` drives it.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill resume" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill resume" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill resume" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill resume" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill cancel" terminate' -l 'terminate' -d 'Also cancel the runs executing now (their steps are stopped).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill cancel" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill cancel" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill cancel" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill retry-failed" idempotency-key' -l 'idempotency-key' -d 'A repeat with this key returns the same child.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill retry-failed" detach' -l 'detach' -d 'Record the child and return; `arco worker` drives it.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill retry-failed" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill retry-failed" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill retry-failed" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco backfill retry-failed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco staleness" -eq 1' -fa 'report' -d 'List stale and missing asset partitions with their reason, cause and since when.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco staleness" -eq 1' -fa 'explain' -d 'Walk one partition\'s staleness back to its root causes, as a tree.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" select' -l 'select' -d 'Only these assets (`arco run`\'s selection syntax).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report"' -l 'reason' -d 'Only rows with this reason (repeatable).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" limit' -l 'limit' -d 'Print at most this many rows, then a cursor for the next page.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" after' -l 'after' -d 'Start after the row this cursor (from a previous page) names.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" include-fresh' -l 'include-fresh' -d 'Print fresh partitions too.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" check' -l 'check' -d 'Exit 1 when a reported partition is stale or missing (for CI and `&&` chains).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness explain" partition' -l 'partition' -d 'The partition (display key); required for a partitioned asset.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness explain" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness explain" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness explain" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness explain" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco staleness explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco reconcile" -eq 1' -fa 'plan' -d 'Print the runs that would clear the selection\'s staleness, in order; records nothing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco reconcile" -eq 1' -fa 'run' -d 'Request the planned runs, under their run keys, and execute them in order.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco reconcile" -eq 1' -fa 'tick' -d 'Evaluate the automation: conditions once and queue the runs they ask for.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile plan" select' -l 'select' -d 'Only these assets (`arco run`\'s selection syntax).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile plan" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile plan" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile plan" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile plan" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile plan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" select' -l 'select' -d 'Only these assets (`arco run`\'s selection syntax).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" dry-run' -l 'dry-run' -d 'Print the plan and record nothing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" max-runs' -l 'max-runs' -d 'Request at most this many runs now; the rest wait for the next call.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" detach' -l 'detach' -d 'Run the plan in a background process and return.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" dry-run' -l 'dry-run' -d 'Evaluate and print; request and record nothing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" max-runs' -l 'max-runs' -d 'Request at most this many runs in this evaluation (default 25).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco reconcile tick" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco partitions" -eq 1' -fa 'list' -d 'Print the keys of a partitions definition, in order.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco partitions" -eq 1' -fa 'show' -d 'Print one partition key: whether it exists and its canonical identity.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco partitions" -eq 1' -fa 'add' -d 'Add keys to a dynamic partitions definition (keys already present are skipped).'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco partitions" -eq 1' -fa 'remove' -d 'Remove keys from a dynamic partitions definition (missing keys are ignored).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" from' -l 'from' -d 'Start at this key (inclusive).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" to' -l 'to' -d 'End at this key (inclusive).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" limit' -l 'limit' -d 'At most this many keys.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions show" now' -l 'now' -d 'Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions show" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions show" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions show" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions add" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions add" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions add" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions remove" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions remove" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions remove" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco partitions remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" after' -l 'after' -d 'Only events after this sequence number.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events"' -l 'type' -d 'Only events of this type (repeatable), e.g. RunRequested.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" run' -l 'run' -d 'Only events of this run.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" limit' -l 'limit' -d 'At most this many events.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco events" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco ledger" -eq 1' -fa 'export' -d 'Write the ledger to standard output as JSON Lines, one event per line.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco ledger" -eq 1' -fa 'import' -d 'Load an export into a workspace whose store is empty or not yet created.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco ledger" -eq 1' -fa 'tip' -d 'Print the ledger\'s last row as SEQ:HASH, an anchor to keep outside the store.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger export" after' -l 'after' -d 'Only events after this sequence number.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger export" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger export" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_positional "arco ledger import" -eq 1' -F
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger import" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger import" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger import" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger tip" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger tip" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger tip" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco ledger tip" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rebuild" verify' -l 'verify' -d 'Only compare the current state with one rebuilt from the ledger; change nothing.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rebuild" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rebuild" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rebuild" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco rebuild" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco doctor" expect-tip' -l 'expect-tip' -d 'A tip printed earlier by `arco ledger tip`: the ledger must still reach it.' -rfka ''
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco doctor" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco doctor" json' -l 'json' -d 'Print one JSON document (field names in docs/cli.md).'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco doctor" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco shell" workspace' -l 'workspace' -d 'The workspace folder (default: the nearest folder with an arco.yaml).' -rfa '(__arco_complete_directories)'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco shell" version' -l 'version' -d 'Show the version.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco shell" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'arco' -n '__arco_should_offer_completions_for_flags_or_options "arco help" version' -l 'version' -d 'Show the version.'