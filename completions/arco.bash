#!/bin/bash

__arco_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__arco_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__arco_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__arco_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_arco() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|validate|run|status|logs|cancel|rerun|worker|daemon|asset|backfill|schedule|sensor|staleness|reconcile|partitions|events|ledger|rebuild|doctor|shell|help)
        # Offer subcommand argument completions
        "_arco_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init validate run status logs cancel rerun worker daemon asset backfill schedule sensor staleness reconcile partitions events ledger rebuild doctor shell help' -- "${cur}"))
        ;;
    esac
}

_arco_init() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -d
        return
        ;;
    esac
}

_arco_validate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_run() {
    repeating_flags=()
    non_repeating_flags=(--detach --wait --json --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--partition --partition-range --run-key --max-concurrent-steps --failure-lines --workspace --store)
    __arco_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--partition')
        __arco_add_completions -W "$(__arco_custom_complete ---completion run -- --partition "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--partition-range')
        return
        ;;
    '--run-key')
        return
        ;;
    '--tag')
        return
        ;;
    '--max-concurrent-steps')
        return
        ;;
    '--failure-lines')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __arco_add_completions -W "$(__arco_custom_complete ---completion run -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_status() {
    repeating_flags=()
    non_repeating_flags=(--watch --timeline --json --version -h --help)
    repeating_options=(--status)
    non_repeating_options=(--limit --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--status')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion status -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_logs() {
    repeating_flags=()
    non_repeating_flags=(--follow --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--step --attempt --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--step')
        return
        ;;
    '--attempt')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion logs -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_cancel() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion cancel -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_rerun() {
    repeating_flags=()
    non_repeating_flags=(--from-failure --detach --wait --json --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--steps --run-key --max-concurrent-steps --failure-lines --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--steps')
        return
        ;;
    '--run-key')
        return
        ;;
    '--tag')
        return
        ;;
    '--max-concurrent-steps')
        return
        ;;
    '--failure-lines')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion rerun -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_worker() {
    repeating_flags=()
    non_repeating_flags=(--once --version -h --help)
    repeating_options=()
    non_repeating_options=(--max-concurrent-runs --max-concurrent-steps --run --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--max-concurrent-runs')
        return
        ;;
    '--max-concurrent-steps')
        return
        ;;
    '--run')
        __arco_add_completions -W "$(__arco_custom_complete ---completion worker -- --run "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_daemon() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|status)
        # Offer subcommand argument completions
        "_arco_daemon_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run status' -- "${cur}"))
        ;;
    esac
}

_arco_daemon_run() {
    repeating_flags=()
    non_repeating_flags=(--once --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--interval --lease --now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '--lease')
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_daemon_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_asset() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|graph|report)
        # Offer subcommand argument completions
        "_arco_asset_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show graph report' -- "${cur}"))
        ;;
    esac
}

_arco_asset_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_asset_show() {
    repeating_flags=()
    non_repeating_flags=(--bar --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion asset show -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_asset_graph() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __arco_add_completions -W 'text'$'\n''dot'$'\n''mermaid'
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion asset graph -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_asset_report() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--partition --data-version --report-key --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--partition')
        __arco_add_completions -W "$(__arco_custom_complete ---completion asset report -- --partition "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--data-version')
        return
        ;;
    '--report-key')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion asset report -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_backfill() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|status|pause|resume|cancel|retry-failed)
        # Offer subcommand argument completions
        "_arco_backfill_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list status pause resume cancel retry-failed' -- "${cur}"))
        ;;
    esac
}

_arco_backfill_create() {
    repeating_flags=()
    non_repeating_flags=(--all --allow-partial --detach --dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--select --partitions --from --to --filter --only --idempotency-key --chunk-size --max-concurrent-runs --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--select')
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill create -- --select "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--partitions')
        return
        ;;
    '--from')
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill create -- --from "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--to')
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill create -- --to "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--filter')
        return
        ;;
    '--only')
        return
        ;;
    '--idempotency-key')
        return
        ;;
    '--chunk-size')
        return
        ;;
    '--max-concurrent-runs')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_backfill_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--status)
    non_repeating_options=(--limit --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--status')
        return
        ;;
    '--limit')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_backfill_status() {
    repeating_flags=()
    non_repeating_flags=(--partitions --bar --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill status -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_backfill_pause() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill pause -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_backfill_resume() {
    repeating_flags=()
    non_repeating_flags=(--detach --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill resume -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_backfill_cancel() {
    repeating_flags=()
    non_repeating_flags=(--terminate --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill cancel -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_backfill_retry-failed() {
    repeating_flags=()
    non_repeating_flags=(--detach --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--idempotency-key --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--idempotency-key')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion backfill retry-failed -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_schedule() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    tick|start|stop|list|preview|history)
        # Offer subcommand argument completions
        "_arco_schedule_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'tick start stop list preview history' -- "${cur}"))
        ;;
    esac
}

_arco_schedule_tick() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --no-launch --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __arco_add_completions -W "$(__arco_custom_complete ---completion schedule tick -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_schedule_start() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion schedule start -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_schedule_stop() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion schedule stop -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_schedule_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_schedule_preview() {
    repeating_flags=()
    non_repeating_flags=(--catchup --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--from --until --count --now --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from')
        return
        ;;
    '--until')
        return
        ;;
    '--count')
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion schedule preview -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_schedule_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--status --limit --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--status')
        return
        ;;
    '--limit')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion schedule history -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_sensor() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    eval|push|cursor|start|stop|list|history)
        # Offer subcommand argument completions
        "_arco_sensor_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'eval push cursor start stop list history' -- "${cur}"))
        ;;
    esac
}

_arco_sensor_eval() {
    repeating_flags=()
    non_repeating_flags=(--force --no-launch --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __arco_add_completions -W "$(__arco_custom_complete ---completion sensor eval -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_sensor_push() {
    repeating_flags=()
    non_repeating_flags=(--no-launch --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--message-id --payload --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--message-id')
        return
        ;;
    '--payload')
        __arco_add_completions -f
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion sensor push -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_sensor_cursor() {
    repeating_flags=()
    non_repeating_flags=(--reset --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--set --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--set')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion sensor cursor -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_sensor_start() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion sensor start -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_sensor_stop() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion sensor stop -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_sensor_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_sensor_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--status --limit --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--status')
        return
        ;;
    '--limit')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion sensor history -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_staleness() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    report|explain)
        # Offer subcommand argument completions
        "_arco_staleness_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'report explain' -- "${cur}"))
        ;;
    esac
}

_arco_staleness_report() {
    repeating_flags=()
    non_repeating_flags=(--include-fresh --check --json --version -h --help)
    repeating_options=(--reason)
    non_repeating_options=(--select --limit --after --from --to --now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--select')
        __arco_add_completions -W "$(__arco_custom_complete ---completion staleness report -- --select "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--reason')
        return
        ;;
    '--limit')
        return
        ;;
    '--after')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_staleness_explain() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--partition --now --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--partition')
        __arco_add_completions -W "$(__arco_custom_complete ---completion staleness explain -- --partition "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion staleness explain -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_reconcile() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    plan|run|tick)
        # Offer subcommand argument completions
        "_arco_reconcile_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'plan run tick' -- "${cur}"))
        ;;
    esac
}

_arco_reconcile_plan() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--select --from --to --only --limit --now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--select')
        __arco_add_completions -W "$(__arco_custom_complete ---completion reconcile plan -- --select "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--only')
        return
        ;;
    '--limit')
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_reconcile_run() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --detach --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--select --from --to --only --max-runs --max-concurrent-runs --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--select')
        __arco_add_completions -W "$(__arco_custom_complete ---completion reconcile run -- --select "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--only')
        return
        ;;
    '--max-runs')
        return
        ;;
    '--max-concurrent-runs')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_reconcile_tick() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--max-runs --now --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--max-runs')
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_partitions() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|add|remove)
        # Offer subcommand argument completions
        "_arco_partitions_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show add remove' -- "${cur}"))
        ;;
    esac
}

_arco_partitions_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--from --to --limit --now --workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--limit')
        return
        ;;
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion partitions list -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_partitions_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--now --workspace --store)
    __arco_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--now')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion partitions show -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_partitions_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion partitions add -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_partitions_remove() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -W "$(__arco_custom_complete ---completion partitions remove -- positional@0 "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_arco_events() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--type)
    non_repeating_options=(--after --run --limit --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--after')
        return
        ;;
    '--type')
        return
        ;;
    '--run')
        __arco_add_completions -W "$(__arco_custom_complete ---completion events -- --run "${COMP_CWORD}" "$(__arco_cursor_index_in_current_word)")"
        return
        ;;
    '--limit')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_ledger() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    export|import|tip)
        # Offer subcommand argument completions
        "_arco_ledger_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'export import tip' -- "${cur}"))
        ;;
    esac
}

_arco_ledger_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--after --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--after')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_ledger_import() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __arco_add_completions -f
        return
        ;;
    esac
}

_arco_ledger_tip() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_rebuild() {
    repeating_flags=()
    non_repeating_flags=(--verify --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_doctor() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--expect-tip --workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--expect-tip')
        return
        ;;
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_shell() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store)
    __arco_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        __arco_add_completions -d
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_arco_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __arco_offer_flags_options -1
}

complete -o filenames -F _arco arco