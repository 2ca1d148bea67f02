/* cmd_session.c - placeholder until implemented */
typedef int ipmi_placeholder_cmd_session;
