/* cmd_bridge.c - placeholder until implemented */
typedef int ipmi_placeholder_cmd_bridge;
