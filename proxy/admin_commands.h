// admin_commands.h — the proxy's command-line sub-commands other than serving.
//
// Implemented: [X] --check / check: config file, credentials and (unless --offline) the live connection
//                  check; one Chinese line per problem; exit 1 when anything is wrong
//              [X] user add|list|disable|enable|reset: staff accounts; a new password is generated and
//                  printed once, or read from stdin with --password-stdin
//              [X] setup-tables: create/complete the two tables and write their ids into the config
#pragma once

#include <string>

namespace ssproxy {

int run_check_command(const std::string& config_path, bool offline);
int run_user_command(const std::string& action, const std::string& name, const std::string& config_path,
                     bool password_stdin);
int run_setup_tables_command(const std::string& config_path);

}  // namespace ssproxy
