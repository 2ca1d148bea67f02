/* msg.c - placeholder until implemented */
typedef int ipmi_placeholder_msg;
